-- c01_unique_keys: every dimension key is unique
select 'dim_person' as tbl, person_key::varchar as k from dim_person group by person_key having count(*) > 1
union all
select 'dim_source', source_key::varchar from dim_source group by source_key having count(*) > 1
union all
select 'dim_date', date_key::varchar from dim_date group by date_key having count(*) > 1
union all
select 'dim_municipality', municipality_code from dim_municipality group by municipality_code having count(*) > 1
union all
select 'dim_exploitation_form', exploitation_form from dim_exploitation_form group by exploitation_form having count(*) > 1
union all
select 'dim_crime_type', crime_type from dim_crime_type group by crime_type having count(*) > 1
union all
select 'dim_support_type', support_type from dim_support_type group by support_type having count(*) > 1
