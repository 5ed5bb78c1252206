-- person_cohort: registered presumed victims by cohort, one row per person.
-- Purpose: the population of the follow-up tables (repeat victimisation m06, victim-offender
--   overlap m07, municipal support m08). The cohort is the calendar year of the person's first
--   registration; the person is described as at that first registration.
-- Grain: one row per person_key with at least one row in fact_registration.
-- Inputs: person_year (and through it fact_registration, dim_person).
create view person_cohort as
select
  y.year as cohort,
  y.person_key,
  y.first_date,
  y.first_source,
  y.exploitation_group,
  y.age_at_registration,
  y.age_group,
  y.sex,
  y.nationality_group
from person_year y
join dim_person p using (person_key)
where y.year = p.first_registration_year
