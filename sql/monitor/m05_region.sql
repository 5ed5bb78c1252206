-- m05_region: Registered presumed victims by region (police unit and province)
-- Purpose: where in the country the persons registered in the report year were registered.
-- Grain: for the report year, one row per region type (police_unit, province) and region, with
--   region 'unknown' (no or unknown municipality on the record) and 'all'.
-- Inputs: person_year (fact_registration.municipality_code, dim_municipality).
-- Notes: the region of the municipality on the person's first registration of the year. Police
--   units and provinces do not nest, so they are two separate breakdowns of the same persons.
-- @counts persons
-- @table by=year,region_type rows=region total=all
select year, region_type, region, persons
from (
  select year, 'police_unit' as region_type, coalesce(police_unit, 'all') as region,
    count(*) as persons
  from person_year
  where year = getvariable('report_year')
  group by grouping sets ((year, police_unit), (year))
  union all
  select year, 'province', coalesce(province, 'all'), count(*)
  from person_year
  where year = getvariable('report_year')
  group by grouping sets ((year, province), (year))
)
order by region_type = 'province', region = 'all', region = 'unknown', region
