-- person_year: registered presumed victims, one row per person and calendar year of registration.
-- Purpose: the unit every yearly monitor table counts. A person registered several times in a year
--   (by one or by several sources) is one row, described by the first registration of that year
--   (earliest date; ties broken by source, form, municipality): its source, form of exploitation,
--   age and municipality. Sex and nationality come from dim_person.
-- Grain: one row per (year, person_key) with at least one row in fact_registration that year.
-- Inputs: fact_registration, dim_source, dim_person, dim_exploitation_form, dim_municipality.
-- Groups: age_group under_18 (< 18), 18_22, 23_plus, unknown, by the age reached in the year of
--   the registration (deliveries carry the birth year only, so a 17-year-old who turns 18 later
--   that year counts as 18); nationality_group netherlands (NL),
--   other_eu (the 26 other EU member states), non_eu, unknown; on_<source> flags say which
--   registering lists saw the person that year (the input of the list-overlap table m09).
-- Columns:
--   year: Calendar year of the registrations.
--   person_key: The person (dim_person).
--   first_date: Date of the person's first registration in the year.
--   first_source: Source of that registration (police, kmar, inspectorate, care).
--   exploitation_group: Monitor group of that registration's form of exploitation (sexual,
--     labour, criminal, other_unknown).
--   age_at_registration: Age at that registration (its year minus the birth year); null when
--     the birth year is unknown.
--   age_group: Under_18, 18_22, 23_plus or unknown, from age_at_registration.
--   sex: M, F, X or unknown (dim_person).
--   nationality: ISO 3166-1 alpha-2 code (dim_person); null when unknown.
--   nationality_group: Netherlands, other_eu, non_eu or unknown.
--   municipality_code: CBS code of the municipality of that registration; null when unknown.
--   police_unit: The municipality's regional police unit, or unknown.
--   province: The municipality's province, or unknown.
--   registrations: Registrations of the person in the year, over all sources.
--   on_police: True when the police registered the person in the year.
--   on_kmar: True when the border police (KMar) registered the person in the year.
--   on_inspectorate: True when the labour inspectorate registered the person in the year.
--   on_care: True when a care organisation registered the person in the year.
create view person_year as
with ranked as (
  select
    f.*,
    row_number() over (
      partition by f.person_key, f.year
      order by f.registration_date, f.source_key, f.exploitation_form,
        f.municipality_code nulls last, f.age_at_registration nulls last) as rank_in_year
  from fact_registration f
),
lists as (
  select
    f.person_key,
    f.year,
    count(*) as registrations,
    bool_or(s.source = 'police') as on_police,
    bool_or(s.source = 'kmar') as on_kmar,
    bool_or(s.source = 'inspectorate') as on_inspectorate,
    bool_or(s.source = 'care') as on_care
  from fact_registration f
  join dim_source s using (source_key)
  group by f.person_key, f.year
)
select
  r.year,
  r.person_key,
  r.registration_date as first_date,
  s.source as first_source,
  coalesce(e.monitor_group, 'other_unknown') as exploitation_group,
  r.age_at_registration,
  case
    when r.age_at_registration is null then 'unknown'
    when r.age_at_registration < 18 then 'under_18'
    when r.age_at_registration <= 22 then '18_22'
    else '23_plus'
  end as age_group,
  coalesce(p.sex, 'unknown') as sex,
  p.nationality,
  case
    when p.nationality is null then 'unknown'
    when p.nationality = 'NL' then 'netherlands'
    when p.nationality in ('AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR',
      'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK')
      then 'other_eu'
    else 'non_eu'
  end as nationality_group,
  r.municipality_code,
  coalesce(m.police_unit, 'unknown') as police_unit,
  coalesce(m.province, 'unknown') as province,
  l.registrations,
  l.on_police,
  l.on_kmar,
  l.on_inspectorate,
  l.on_care
from ranked r
join lists l using (person_key, year)
join dim_source s using (source_key)
join dim_person p using (person_key)
left join dim_exploitation_form e using (exploitation_form)
left join dim_municipality m using (municipality_code)
where r.rank_in_year = 1
