-- m06_repeat_victimisation: Repeat victimisation after registration (Kaplan-Meier)
-- Purpose: the share of registered presumed victims who are registered by the police as the
--   victim of a crime again within 1 to 7 years of their first registration, by crime type and
--   by cohort, allowing for the shorter follow-up of recent cohorts.
-- Grain: one row per cohort (year of first registration, up to the report year, and 'all'),
--   horizon years (1 to 7) and crime type ('any' = the headline curve, and each crime type),
--   for the horizons at which someone in the cohort is still followed.
-- Inputs: person_cohort (first registration), fact_victimisation.
-- Rules: time zero is the date of the person's first registration. The event is the first
--   police victimisation record (of the crime type) with an incident date AFTER that date:
--   records dated on or before it are the registration's own incident or earlier history and
--   never count. Follow-up is censored at the end of the data, 31 December of the report year.
--   "Within k years" is within 365.25 * k days. Kaplan-Meier estimate of the cumulative
--   percentage 100 * (1 - S(t)); 95% interval from Greenwood's variance on the log(-log S)
--   scale. at_risk = persons still followed at the horizon (event-free and not censored);
--   cohort_persons = the persons of the curve (cohort and crime type) at time zero.
-- Notes: at_risk and events decide which percentages are shown and are not exported: before
--   censoring starts, a cohort's persons (m07) minus at_risk would give its events back,
--   also where the percentage is hidden because they are fewer than 10. Before censoring starts
--   (events + at_risk = cohort_persons) a percentage times the cohort's persons (m07) gives the
--   events, so such a point is shown only when its events exceed those of the curve's previous
--   shown point by 0 or by at least 10.
-- @km cumulative_pct, lower_pct, upper_pct risk=at_risk events=events horizon=years size=cohort_persons
-- @internal events, at_risk, cohort_persons
with params as (
  select make_date(getvariable('report_year'), 12, 31) as end_date
),
cohort as (
  select c.person_key, c.cohort, c.first_date
  from person_cohort c, params p
  where c.first_date <= p.end_date
),
types as (
  select * from (values ('any', 1), ('property', 2), ('violence', 3), ('sexual', 4),
    ('trafficking', 5), ('other', 6)) v(crime_type, type_order)
),
first_event as (
  select c.person_key, t.crime_type, min(v.incident_date) as event_date
  from cohort c
  join fact_victimisation v
    on v.person_key = c.person_key and v.incident_date > c.first_date
  join types t on t.crime_type = 'any' or t.crime_type = v.crime_type
  cross join params p
  where v.incident_date <= p.end_date
  group by c.person_key, t.crime_type
),
followed as (
  select
    c.cohort::varchar as cohort,
    t.crime_type,
    date_diff('day', c.first_date, coalesce(e.event_date, p.end_date)) as t,
    e.event_date is not null as event
  from cohort c
  cross join types t
  cross join params p
  left join first_event e on e.person_key = c.person_key and e.crime_type = t.crime_type
),
grouped as (
  select * from followed
  union all
  select 'all', crime_type, t, event from followed
),
steps as (
  select cohort, crime_type, t, count(*) filter (where event) as d, count(*) as leaving
  from grouped
  group by all
),
risk as (
  select *,
    sum(leaving) over (partition by cohort, crime_type order by t desc) as n
  from steps
),
km as (
  select cohort, crime_type, t,
    exp(sum(ln(greatest(1 - d / n, 1e-12))) over w) as s,
    sum(case when d < n then d / (n * (n - d)) else 0 end) over w as greenwood,
    sum(d) over w as events
  from risk
  window w as (partition by cohort, crime_type order by t rows unbounded preceding)
),
horizons as (
  select unnest(range(1, 8)) as years
),
at_horizon as (
  select g.cohort, g.crime_type, h.years, round(365.25 * h.years) as h_days,
    count(*) filter (where g.t >= round(365.25 * h.years)) as at_risk,
    count(*) as cohort_persons
  from grouped g
  cross join horizons h
  group by all
),
curve as (
  select a.cohort, a.crime_type, a.years, a.at_risk, a.cohort_persons,
    coalesce(k.s, 1.0) as s,
    coalesce(k.greenwood, 0.0) as greenwood,
    coalesce(k.events, 0) as events
  from at_horizon a
  asof left join km k
    on k.cohort = a.cohort and k.crime_type = a.crime_type and k.t <= a.h_days
  where a.at_risk > 0
)
select
  c.cohort,
  c.years,
  c.crime_type,
  round(100 * (1 - c.s), 1) as cumulative_pct,
  round(100 * (1 - case when c.events = 0 or c.s <= 0 then c.s
    else pow(c.s, exp(-1.959964 * sqrt(c.greenwood) / abs(ln(c.s)))) end), 1) as lower_pct,
  round(100 * (1 - case when c.events = 0 or c.s <= 0 then c.s
    else pow(c.s, exp(1.959964 * sqrt(c.greenwood) / abs(ln(c.s)))) end), 1) as upper_pct,
  c.at_risk,
  c.events,
  c.cohort_persons
from curve c
join types t using (crime_type)
order by c.cohort = 'all' desc, c.cohort, t.type_order, c.years
