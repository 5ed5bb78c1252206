-- person_cohort: registered presumed victims by cohort, one row per person.
-- Purpose: the population of the follow-up tables (repeat victimisation m06, victim-offender
--   overlap m07, municipal support m08). The cohort is the calendar year of the person's first
--   registration; the person is described as at that first registration.
-- Grain: one row per person_key with at least one row in fact_registration.
-- Inputs: person_year (and through it fact_registration, dim_person).
-- Columns:
--   cohort: Calendar year of the person's first registration (dim_person's
--     first_registration_year).
--   person_key: The person (dim_person).
--   first_date: Date of the first registration.
--   first_source: Source of the first registration.
--   exploitation_group: Monitor group of the first registration's form of exploitation.
--   age_at_registration: Age at the first registration; null when the birth year is unknown.
--   age_group: Under_18, 18_22, 23_plus or unknown, from age_at_registration.
--   sex: M, F, X or unknown.
--   nationality_group: Netherlands, other_eu, non_eu or unknown.
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
