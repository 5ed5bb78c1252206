-- c04_accepted_values: coded columns hold accepted values
select 'dim_person.sex' as col, count(*) as n from dim_person
where sex is not null and sex not in ('M', 'F', 'X') having count(*) > 0
union all
select 'fact_registration.age_at_registration', count(*) from fact_registration
where age_at_registration < 0 or age_at_registration > 120 having count(*) > 0
union all
select 'dim_exploitation_form.monitor_group', count(*) from dim_exploitation_form
where monitor_group not in ('sexual', 'labour', 'criminal', 'other_unknown') having count(*) > 0
union all
select 'dim_source.role', count(*) from dim_source
where role not in ('registration', 'support', 'victimisation', 'suspect') having count(*) > 0
union all
select 'fact_registration from a non-registering source', count(*)
from fact_registration f join dim_source s using (source_key)
where s.role <> 'registration' having count(*) > 0
union all
select 'dim_person.registration_count', count(*) from dim_person p
left join (select person_key, count(*) as n from fact_registration group by 1) r using (person_key)
where p.registration_count <> coalesce(r.n, 0) having count(*) > 0
