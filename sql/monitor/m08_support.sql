-- m08_support: Municipal support within 12 months of registration
-- Purpose: how many registered presumed victims received support from a municipality within
--   12 months of their first registration, by kind of support and age group.
-- Grain: one row per cohort (year of first registration up to the year before the report
--   year, so that every person has 12 months of follow-up), support type ('any' and each
--   support type code) and age group at first registration (under_18, 18_22, 23_plus, unknown,
--   all). persons = the cohort's persons; supported = those with a support trajectory of that
--   type starting on or after the first registration date and at most 12 months later;
--   pct = 100 * supported / persons.
-- Notes: no row pools the cohorts. A cohort's row is the same in every later report year, so a
--   pooled row, which grows by one cohort a year, would give the newest cohort's suppressed
--   cells back from two years' tables; without it each row is protected on its own, the same
--   way in every year.
-- Inputs: person_cohort, fact_support, dim_support_type.
-- @counts persons, supported
-- @table by=support_type rows=cohort cols=age_group total=all
-- @rate pct = supported / persons
with cohort as (
  select person_key, cohort, first_date, age_group
  from person_cohort
  where cohort <= getvariable('report_year') - 1
),
types as (
  select 'any' as support_type, 0 as type_order
  union all
  select support_type, row_number() over (order by support_type) from dim_support_type
),
supported as (
  select distinct c.person_key, t.support_type
  from cohort c
  join fact_support s
    on s.person_key = c.person_key
    and s.start_date >= c.first_date
    and s.start_date <= c.first_date + interval 12 month
  join types t on t.support_type = 'any' or t.support_type = s.support_type
),
cells as (
  select c.cohort::varchar as cohort, c.age_group, t.support_type,
    s.person_key is not null as is_supported
  from cohort c
  cross join types t
  left join supported s on s.person_key = c.person_key and s.support_type = t.support_type
)
select cohort, support_type, age_group, persons, supported,
  round(100.0 * supported / persons, 1) as pct
from (
  select cohort, support_type, coalesce(age_group, 'all') as age_group,
    count(*) as persons, count(*) filter (where is_supported) as supported
  from cells
  group by grouping sets ((cohort, support_type, age_group), (cohort, support_type))
) x
join types t using (support_type)
order by t.type_order, cohort,
  coalesce(list_position(['under_18', '18_22', '23_plus', 'unknown'], age_group), 99)
