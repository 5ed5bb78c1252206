-- m04_nationality: Registered presumed victims by nationality group and top nationalities
-- Purpose: where the persons registered in the report year come from.
-- Grain: for the report year, one row per nationality group (netherlands, other_eu, non_eu,
--   unknown) and nationality: each of the ten most frequent nationalities of the year (ISO 3166-1
--   alpha-2), 'other' for the rest of the group, 'all' for the group; then group 'all'.
-- Inputs: person_year (dim_person.nationality).
-- Notes: nationality is the most frequent one on the person's records (dim_person). Ties for the
--   tenth place are broken by the code. Rows are in code order, not by size: ordered by size, a
--   hidden count between two shown ones would be bounded by them.
-- @counts persons
-- @table by=year rows=nationality_group cols=nationality total=all
with py as (
  select * from person_year where year = getvariable('report_year')
),
top as (
  select nationality
  from py
  where nationality is not null
  group by nationality
  order by count(*) desc, nationality
  limit 10
),
labelled as (
  select
    year,
    nationality_group,
    case when nationality in (select nationality from top) then nationality else 'other' end
      as nationality
  from py
)
select year, nationality_group, nationality, persons
from (
  select year, nationality_group, nationality, count(*) as persons, 0 as level
  from labelled
  group by all
  union all
  select year, nationality_group, 'all', count(*), 1 from labelled group by all
  union all
  select year, 'all', 'all', count(*), 2 from labelled group by all
)
order by
  coalesce(list_position(['netherlands', 'other_eu', 'non_eu', 'unknown'], nationality_group), 99),
  level,
  nationality = 'other',
  nationality
