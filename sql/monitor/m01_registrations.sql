-- m01_registrations: Registered presumed victims per year, by registering source
-- Purpose: how many persons each registering organisation registered as presumed victims of
--   trafficking in each year, and how many unique persons that is over all sources.
-- Grain: one row per year (every loaded year up to the report year) and registering source,
--   plus source = 'all'. persons = distinct persons; reports = registrations (a person can be
--   registered more than once, and by more than one source).
-- Inputs: fact_registration, dim_source.
-- Notes: source = 'all' counts unique persons, fewer than the sum over sources when sources
--   register the same person.
-- @counts persons, reports
-- @table rows=year cols=source total=all
with r as (
  select f.year, s.source, s.source_key, f.person_key
  from fact_registration f
  join dim_source s using (source_key)
  where f.year <= getvariable('report_year')
)
select year, source, persons, reports
from (
  select year, source, min(source_key) as ord, count(distinct person_key) as persons,
    count(*) as reports
  from r
  group by year, source
  union all
  select year, 'all', 1000000, count(distinct person_key), count(*)
  from r
  group by year
)
order by year, ord
