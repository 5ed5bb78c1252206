-- m03_age_sex: Registered presumed victims by age group and sex
-- Purpose: the age at registration (minors, young adults, older) of the persons registered in the report
--   year, by sex.
-- Grain: one row per age group (under_18, 18_22, 23_plus, unknown, all) and sex (F, M, X, unknown, all)
--   with at least one person, for the report year; persons = distinct persons.
-- Inputs: person_year (fact_registration.age_at_registration, dim_person.sex).
-- Notes: age at the person's first registration of the year, in whole years from the birth year on
--   the record; unknown when the record has no birth year.
-- @counts persons
-- @table by=year rows=age_group cols=sex total=all
select year, age_group, sex, persons
from (
  select
    year,
    coalesce(age_group, 'all') as age_group,
    coalesce(sex, 'all') as sex,
    count(*) as persons
  from person_year
  where year = getvariable('report_year')
  group by grouping sets ((year, age_group, sex), (year, age_group), (year, sex), (year))
)
order by
  coalesce(list_position(['under_18', '18_22', '23_plus', 'unknown'], age_group), 99),
  coalesce(list_position(['F', 'M', 'X', 'unknown'], sex), 99)
