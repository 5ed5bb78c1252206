-- c02_not_null: keys and dates of every fact row are present
select 'fact_registration' as tbl, count(*) as n from fact_registration
where person_key is null or source_key is null or registration_date is null
  or registration_date_key is null or exploitation_form is null
having count(*) > 0
union all
select 'fact_victimisation', count(*) from fact_victimisation
where person_key is null or source_key is null or incident_date is null or crime_type is null
having count(*) > 0
union all
select 'fact_suspect', count(*) from fact_suspect
where person_key is null or source_key is null or registration_date is null or crime_type is null
having count(*) > 0
union all
select 'fact_support', count(*) from fact_support
where person_key is null or source_key is null or start_date is null or support_type is null
having count(*) > 0
