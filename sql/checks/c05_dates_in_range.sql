-- c05_dates_in_range: dates are plausible and agree with their partitions and keys
select 'fact_registration year partition' as rule, count(*) as n from fact_registration
where year(registration_date) <> year
  or registration_date_key <> year(registration_date) * 10000 + month(registration_date) * 100 + day(registration_date)
having count(*) > 0
union all
select 'fact_victimisation year partition', count(*) from fact_victimisation
where year(incident_date) <> year having count(*) > 0
union all
select 'fact_suspect year partition', count(*) from fact_suspect
where year(registration_date) <> year having count(*) > 0
union all
select 'fact_support year partition', count(*) from fact_support
where year(start_date) <> year having count(*) > 0
union all
select 'fact_support end before start', count(*) from fact_support
where end_date < start_date having count(*) > 0
union all
select 'dates before 1900', count(*) from (
  select registration_date as d from fact_registration union all select incident_date from fact_victimisation
  union all select registration_date from fact_suspect union all select start_date from fact_support
) where d < date '1900-01-01' having count(*) > 0
union all
select 'dim_person.first_registration_date', count(*) from dim_person p
left join (select person_key, min(registration_date) as first from fact_registration group by 1) r using (person_key)
where p.first_registration_date is distinct from r.first
  or p.first_registration_year is distinct from year(r.first)
having count(*) > 0
union all
select 'dim_date covers every fact year', count(*) from (
  select distinct year from fact_registration union select distinct year from fact_victimisation
  union select distinct year from fact_suspect union select distinct year from fact_support
) y anti join (select distinct year from dim_date) d using (year) having count(*) > 0
