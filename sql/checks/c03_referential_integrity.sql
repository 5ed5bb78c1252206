-- c03_referential_integrity: every key in a fact points at a row of its dimension
-- (missing keys are c02's business: only keys that are present are followed here)
with refs as (
  select 'person_key' as ref, person_key::varchar as k from fact_registration
  union all select 'person_key', person_key::varchar from fact_victimisation
  union all select 'person_key', person_key::varchar from fact_suspect
  union all select 'person_key', person_key::varchar from fact_support
  union all select 'source_key', source_key::varchar from fact_registration
  union all select 'source_key', source_key::varchar from fact_victimisation
  union all select 'source_key', source_key::varchar from fact_suspect
  union all select 'source_key', source_key::varchar from fact_support
  union all select 'date_key', registration_date_key::varchar from fact_registration
  union all select 'date_key', incident_date_key::varchar from fact_victimisation
  union all select 'date_key', registration_date_key::varchar from fact_suspect
  union all select 'date_key', start_date_key::varchar from fact_support
  union all select 'municipality_code', municipality_code from fact_registration
  union all select 'municipality_code', municipality_code from fact_victimisation
  union all select 'municipality_code', municipality_code from fact_suspect
  union all select 'municipality_code', municipality_code from fact_support
  union all select 'exploitation_form', exploitation_form from fact_registration
  union all select 'crime_type', crime_type from fact_victimisation
  union all select 'crime_type', crime_type from fact_suspect
  union all select 'support_type', support_type from fact_support
),
targets as (
  select 'person_key' as ref, person_key::varchar as k from dim_person
  union all select 'source_key', source_key::varchar from dim_source
  union all select 'date_key', date_key::varchar from dim_date
  union all select 'municipality_code', municipality_code from dim_municipality
  union all select 'exploitation_form', exploitation_form from dim_exploitation_form
  union all select 'crime_type', crime_type from dim_crime_type
  union all select 'support_type', support_type from dim_support_type
)
select ref, count(*) as n
from refs anti join targets using (ref, k)
where k is not null
group by ref
union all
select 'dim_person without records', count(*)
from dim_person p
where p.person_key not in (
  select person_key from fact_registration union all select person_key from fact_victimisation
  union all select person_key from fact_suspect union all select person_key from fact_support)
having count(*) > 0
