-- m07_victim_offender: Victim-offender overlap
-- Purpose: how many registered presumed victims were registered by the police as a suspect of
--   a crime before their first registration as a victim, and how many after it.
-- Grain: one row per cohort (year of first registration, up to the report year, and 'all')
--   and period: 'before' = a suspect registration in the 5 years before the first
--   registration date; 'after' = a suspect registration on or after that date, up to
--   31 December of the report year. pct = 100 * suspects / persons.
-- Inputs: person_cohort, fact_suspect.
-- Notes: 'after' has less follow-up for recent cohorts; compare cohorts, not years.
-- @counts persons, suspects
-- @table by=period rows=cohort total=all
-- @rate pct = suspects / persons
with params as (
  select make_date(getvariable('report_year'), 12, 31) as end_date
),
cohort as (
  select c.person_key, c.cohort, c.first_date
  from person_cohort c, params p
  where c.first_date <= p.end_date
),
flags as (
  select
    c.cohort::varchar as cohort,
    exists (
      select 1 from fact_suspect s
      where s.person_key = c.person_key
        and s.registration_date < c.first_date
        and s.registration_date >= c.first_date - interval 5 year
    ) as before,
    exists (
      select 1 from fact_suspect s, params p
      where s.person_key = c.person_key
        and s.registration_date >= c.first_date
        and s.registration_date <= p.end_date
    ) as after
  from cohort c
),
periods as (
  select cohort, 'before' as period, before as suspect from flags
  union all
  select cohort, 'after', after from flags
)
select cohort, period, persons, suspects, round(100.0 * suspects / persons, 1) as pct
from (
  select coalesce(cohort, 'all') as cohort, period, count(*) as persons,
    count(*) filter (where suspect) as suspects
  from periods
  group by grouping sets ((cohort, period), (period))
)
order by cohort = 'all', cohort, period = 'after'
