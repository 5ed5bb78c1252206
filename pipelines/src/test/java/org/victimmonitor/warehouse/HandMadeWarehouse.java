package org.victimmonitor.warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/**
 * A small warehouse written by hand (real Parquet in the layout of a published version, column
 * types as in schemas/warehouse), small enough that every monitor table can be worked out on paper.
 * Report year 2021.
 *
 * <pre>
 * person 1  F, NL, born 2000  police 2020-03-10 sexual GM0363 (age 20); care 2020-05-01 sexual
 *                             GM0363; police 2021-02-01 labour GM0599 (age 21)
 *                             victim: trafficking 2020-03-01 (own incident), property 2021-01-15
 *                             suspect 2019-05-05; support shelter 2020-04-01
 * person 2  M, PL, born 1990  inspectorate 2020-06-15 labour GM0599 (age 30)
 *                             victim: violence 2021-08-01; support legal_aid 2021-08-01
 * person 3  F, NG, born 2005  care 2021-01-20 criminal GM0344 (age 16); kmar 2021-03-05 sexual
 *                             (no municipality); victim: property 2021-01-20 (same day)
 *                             suspect 2021-06-01; support shelter 2021-02-01
 * person 4  no sex, nationality or birth year   police 2021-07-01 unknown (no municipality)
 * </pre>
 */
public final class HandMadeWarehouse {
  private HandMadeWarehouse() {}

  static final List<String> TABLES =
      List.of(
          """
          create table dim_source as select * from (values
            (1, 'police', 'trafficking_report', 'registration', 'Police'),
            (2, 'kmar', 'trafficking_report', 'registration', 'Border police'),
            (3, 'inspectorate', 'trafficking_report', 'registration', 'Labour inspectorate'),
            (4, 'care', 'registration', 'registration', 'Care'),
            (5, 'municipality', 'support', 'support', 'Municipalities'),
            (6, 'police', 'victimisation', 'victimisation', 'Police (victims)'),
            (7, 'police', 'suspect', 'suspect', 'Police (suspects)'))
            t(source_key, source, dataset, role, label)""",
          """
          create table dim_exploitation_form as select * from (values
            ('sexual', 'Sexual', 'sexual'), ('labour', 'Labour', 'labour'),
            ('criminal', 'Criminal', 'criminal'), ('other', 'Other', 'other_unknown'),
            ('unknown', 'Unknown', 'other_unknown'))
            t(exploitation_form, label, monitor_group)""",
          """
          create table dim_crime_type as select * from (values
            ('property', 'Property'), ('violence', 'Violence'), ('sexual', 'Sexual'),
            ('trafficking', 'Trafficking'), ('other', 'Other')) t(crime_type, label)""",
          """
          create table dim_support_type as select * from (values
            ('shelter', 'Shelter'), ('legal_aid', 'Legal aid')) t(support_type, label)""",
          """
          create table dim_municipality as select * from (values
            ('GM0363', 'Amsterdam', 'VR13', 'Noord-Holland', 'Amsterdam'),
            ('GM0599', 'Rotterdam', 'VR17', 'Zuid-Holland', 'Rotterdam'),
            ('GM0344', 'Utrecht', 'VR09', 'Utrecht', 'Midden-Nederland'))
            t(municipality_code, municipality_name, safety_region_code, province, police_unit)""",
          """
          create table dim_date as
          select (year(d) * 10000 + month(d) * 100 + day(d))::int as date_key, d::date as date,
            year(d)::int as year, quarter(d)::int as quarter, month(d)::int as month,
            day(d)::int as day_of_month, isodow(d)::int as day_of_week, week(d)::int as iso_week
          from range(date '2019-01-01', date '2022-01-01', interval 1 day) r(d)""",
          """
          create table dim_person as select person_key::bigint as person_key,
            birth_year::int as birth_year, sex, nationality, first_registration_date::date
            as first_registration_date, first_registration_year::int as first_registration_year,
            registration_count::int as registration_count,
            registering_sources::int as registering_sources, record_count::int as record_count
          from (values
            (1, 2000, 'F', 'NL', '2020-03-10', 2020, 3, 2, 8),
            (2, 1990, 'M', 'PL', '2020-06-15', 2020, 1, 1, 3),
            (3, 2005, 'F', 'NG', '2021-01-20', 2021, 2, 2, 5),
            (4, null, null, null, '2021-07-01', 2021, 1, 1, 1))
            t(person_key, birth_year, sex, nationality, first_registration_date,
              first_registration_year, registration_count, registering_sources, record_count)""",
          """
          create table fact_registration as select person_key::bigint as person_key,
            source_key::int as source_key,
            strftime(d::date, '%Y%m%d')::int as registration_date_key,
            d::date as registration_date, exploitation_form,
            age::int as age_at_registration, municipality_code, year(d::date)::int as year
          from (values
            (1, 1, '2020-03-10', 'sexual', 20, 'GM0363'),
            (1, 4, '2020-05-01', 'sexual', 20, 'GM0363'),
            (1, 1, '2021-02-01', 'labour', 21, 'GM0599'),
            (2, 3, '2020-06-15', 'labour', 30, 'GM0599'),
            (3, 4, '2021-01-20', 'criminal', 16, 'GM0344'),
            (3, 2, '2021-03-05', 'sexual', 16, null),
            (4, 1, '2021-07-01', 'unknown', null, null))
            t(person_key, source_key, d, exploitation_form, age, municipality_code)""",
          """
          create table fact_victimisation as select person_key::bigint as person_key,
            6 as source_key, strftime(d::date, '%Y%m%d')::int as incident_date_key,
            d::date as incident_date, crime_type, municipality_code, year(d::date)::int as year
          from (values
            (1, '2020-03-01', 'trafficking', 'GM0363'),
            (1, '2021-01-15', 'property', 'GM0599'),
            (2, '2021-08-01', 'violence', null),
            (3, '2021-01-20', 'property', 'GM0344'))
            t(person_key, d, crime_type, municipality_code)""",
          """
          create table fact_suspect as select person_key::bigint as person_key,
            7 as source_key, strftime(d::date, '%Y%m%d')::int as registration_date_key,
            d::date as registration_date, crime_type, municipality_code,
            year(d::date)::int as year
          from (values (1, '2019-05-05', 'property', null), (3, '2021-06-01', 'other', 'GM0344'))
            t(person_key, d, crime_type, municipality_code)""",
          """
          create table fact_support as select person_key::bigint as person_key,
            5 as source_key, strftime(d::date, '%Y%m%d')::int as start_date_key,
            d::date as start_date, null::date as end_date, support_type, municipality_code,
            year(d::date)::int as year
          from (values
            (1, '2020-04-01', 'shelter', 'GM0363'),
            (2, '2021-08-01', 'legal_aid', 'GM0599'),
            (3, '2021-02-01', 'shelter', 'GM0344'))
            t(person_key, d, support_type, municipality_code)""");

  /** Writes the warehouse (version v0001, CURRENT, a restricted vault) and its catalog. */
  public static Path write(Path dir, String... changes) throws Exception {
    writeStar(dir.resolve("versions/v0001/star"), changes);
    Files.createDirectories(dir.resolve("versions/v0001/restricted/vault"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "copy (select 'secret-token' as mk_bsn, 1::bigint as person_key) to '"
              + dir.resolve("versions/v0001/restricted/vault/part-0.parquet")
              + "' (format parquet)");
    }
    Files.writeString(dir.resolve("CURRENT"), "v0001\n");
    Catalog.rebuild(dir);
    return dir;
  }

  /** Writes the star tables (with optional SQL changes applied first) into {@code star}. */
  public static void writeStar(Path star, String... changes) throws Exception {
    Files.createDirectories(star);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (String t : TABLES) {
        st.execute(t);
      }
      for (String change : changes) {
        st.execute(change);
      }
      for (String t :
          List.of(
              "dim_source",
              "dim_exploitation_form",
              "dim_crime_type",
              "dim_support_type",
              "dim_municipality",
              "dim_date",
              "dim_person")) {
        Files.createDirectories(star.resolve(t));
        st.execute(
            "copy " + t + " to '" + star.resolve(t + "/part-0.parquet") + "' (format parquet)");
      }
      for (String t :
          List.of("fact_registration", "fact_victimisation", "fact_suspect", "fact_support")) {
        st.execute(
            "copy "
                + t
                + " to '"
                + star.resolve(t)
                + "' (format parquet, partition_by (year), filename_pattern 'part-{i}')");
      }
    }
  }
}
