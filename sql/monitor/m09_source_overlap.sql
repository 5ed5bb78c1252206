-- m09_source_overlap: Overlap between the registering lists
-- Purpose: how many of the persons registered in the report year were registered by one, two,
--   three or more organisations; the list-overlap table that multiple systems estimation (m10)
--   starts from.
-- Grain: for the report year, one row per observed combination of registering lists (police,
--   kmar, inspectorate, care: 1 = registered the person that year, 0 = did not), lists = how
--   many lists; then summary rows with the list columns empty and lists = '1', '2', '3+'
--   and 'all'.
-- Inputs: person_year (on_<source> flags from fact_registration and dim_source).
-- @counts persons
-- @table by=year rows=grp cols=combo total=all
-- @internal grp, combo
with py as (
  select year, on_police::int as police, on_kmar::int as kmar,
    on_inspectorate::int as inspectorate, on_care::int as care
  from person_year
  where year = getvariable('report_year')
),
counted as (
  select *, police + kmar + inspectorate + care as n_lists from py
),
combos as (
  select year, police::varchar as police, kmar::varchar as kmar,
    inspectorate::varchar as inspectorate, care::varchar as care, n_lists::varchar as lists,
    count(*) as persons,
    case when n_lists >= 3 then '3+' else n_lists::varchar end as grp,
    concat_ws('+', case when police = 1 then 'police' end, case when kmar = 1 then 'kmar' end,
      case when inspectorate = 1 then 'inspectorate' end, case when care = 1 then 'care' end)
      as combo,
    0 as level, n_lists as ord
  from counted
  group by all
),
summary as (
  select year, null, null, null, null,
    coalesce(grp, 'all'), count(*), coalesce(grp, 'all'), 'all', 1,
    case when grp is null then 99 else min(n_lists) end
  from (select *, case when n_lists >= 3 then '3+' else n_lists::varchar end as grp from counted)
  group by grouping sets ((year, grp), (year))
)
select year, police, kmar, inspectorate, care, lists, persons, grp, combo
from (select * from combos union all select * from summary)
order by level, ord, police desc, kmar desc, inspectorate desc, care desc
