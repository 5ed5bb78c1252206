package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tables that count the same persons, read together. The numbers are those of the demo's 2021
 * export, where an audit of the exports worked out hidden cells from m01 with m09 and from the
 * police units with the provinces.
 */
class LinkedSuppressionTest {
  static final DisclosureRules RULES = DisclosureRules.defaults();

  static MonitorQuery query(String id) throws Exception {
    return MonitorTables.queries().stream()
        .filter(q -> q.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  static QueryResult result(List<String> columns, List<List<String>> rows) {
    return new QueryResult(columns, rows, columns.stream().map(c -> c.equals("persons")).toList());
  }

  /** m09 of 2021: police only 102, kmar only 2, inspectorate only 5, care only 71, and pairs. */
  static QueryResult m09() {
    return m09(
        "2021",
        new String[][] {
          {"1", "0", "0", "0", "1", "102", "1", "police"},
          {"0", "1", "0", "0", "1", "2", "1", "kmar"},
          {"0", "0", "1", "0", "1", "5", "1", "inspectorate"},
          {"0", "0", "0", "1", "1", "71", "1", "care"},
          {"1", "0", "1", "0", "2", "3", "2", "police+inspectorate"},
          {"1", "0", "0", "1", "2", "13", "2", "police+care"},
          {"0", "1", "0", "1", "2", "1", "2", "kmar+care"},
        },
        "1 180",
        "2 17",
        "all 197");
  }

  /**
   * An m09 result: combinations (flags, lists, persons, group, combination) and the summary rows
   * ("lists persons", the group being the lists).
   */
  static QueryResult m09(String year, String[][] combos, String... summaries) {
    List<List<String>> rows = new ArrayList<>();
    for (String[] c : combos) {
      List<String> r = new ArrayList<>(List.of(year));
      r.addAll(List.of(c));
      rows.add(r);
    }
    for (String summary : summaries) {
      String[] t = summary.split(" ");
      rows.add(List.of(year, "", "", "", "", t[0], t[1], t[0], "all"));
    }
    return result(
        List.of(
            "year", "police", "kmar", "inspectorate", "care", "lists", "persons", "grp", "combo"),
        rows);
  }

  /** m01 of 2021: persons per source (the sums of the combinations holding it) and reports. */
  static QueryResult m01() {
    return result(
        List.of("year", "source", "persons", "reports"),
        List.of(
            List.of("2021", "police", "118", "138"),
            List.of("2021", "kmar", "3", "3"),
            List.of("2021", "inspectorate", "8", "9"),
            List.of("2021", "care", "85", "96"),
            List.of("2021", "all", "197", "246")));
  }

  static List<List<List<String>>> mutable(List<PublishedTable> ts) {
    List<List<List<String>>> out = new ArrayList<>();
    for (PublishedTable t : ts) {
      List<List<String>> rows = new ArrayList<>();
      t.rows().forEach(r -> rows.add(new ArrayList<>(r)));
      out.add(rows);
    }
    return out;
  }

  static LinkedSuppression.Seen[] seen(
      LinkedSuppression.Problem p, List<List<List<String>>> cells) {
    return LinkedSuppression.seen(p, cells, RULES);
  }

  @Test
  void m09IsProtectedAgainstTheSourceTotalsOfM01() throws Exception {
    List<PublishedTable> ts =
        List.of(
            DisclosureControl.apply(query("m01"), m01(), RULES),
            DisclosureControl.apply(query("m09"), m09(), RULES));
    // each table by itself: police + inspectorate (3) hidden in m09, police 118 shown in m01
    assertThat(ts.get(1).rows().get(4)).containsExactly("2021", "1", "0", "1", "0", "2", "<10");
    assertThat(ts.get(0).rows().get(0)).containsExactly("2021", "police", "118", "138");
    List<List<List<String>>> cells = mutable(ts);
    LinkedSuppression.Problem p =
        MonitorTables.linkedProblem(
            null,
            2021,
            List.of(query("m01"), query("m09")),
            ts,
            Map.of("m01", m01(), "m09", m09()));
    // read together: 118 = 102 + police+inspectorate + 13 gives the 3 back
    Integer known = LinkedSuppression.firstDetermined(p, seen(p, cells), RULES);
    assertThat(known).isNotNull();
    assertThat(p.values.get(known)).isEqualTo(3L);

    assertThat(LinkedSuppression.protect(p, cells, RULES)).isNotEmpty();
    assertThat(LinkedSuppression.firstDetermined(p, seen(p, cells), RULES)).isNull();
    // m01, the headline, is left as it was; m09 hides more of its own cells
    assertThat(cells.get(0)).isEqualTo(ts.get(0).rows());
    assertThat(cells.get(1).stream().map(r -> r.get(6)).toList())
        .containsExactly("x", "<10", "<10", "x", "<10", "x", "<10", "180", "17", "197");
    // the pairs' total (17) stays: 197 - 180 would give it back, so hiding it protects nothing
  }

  @Test
  void policeUnitsAndProvincesOfTheSameMunicipalitiesAreProtectedTogether() throws Exception {
    // Zeeland-West-Brabant and Oost-Brabant cover Noord-Brabant and Zeeland; Limburg is both
    QueryResult m05 =
        result(
            List.of("year", "region_type", "region", "persons"),
            List.of(
                List.of("2021", "police_unit", "Limburg", "30"),
                List.of("2021", "police_unit", "Oost-Brabant", "23"),
                List.of("2021", "police_unit", "Zeeland-West-Brabant", "11"),
                List.of("2021", "police_unit", "unknown", "12"),
                List.of("2021", "police_unit", "all", "76"),
                List.of("2021", "province", "Limburg", "30"),
                List.of("2021", "province", "Noord-Brabant", "30"),
                List.of("2021", "province", "Zeeland", "4"),
                List.of("2021", "province", "unknown", "12"),
                List.of("2021", "province", "all", "76")));
    PublishedTable t = DisclosureControl.apply(query("m05"), m05, RULES);
    // by itself: Zeeland (4) is hidden with a partner in the provinces only (unknown, 12)
    assertThat(t.rows().stream().map(r -> r.get(3)).toList())
        .containsExactly("30", "23", "11", "12", "76", "30", "30", "<10", "x", "76");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "create table dim_municipality as select * from (values ('Limburg', 'Limburg'),"
              + " ('Oost-Brabant', 'Noord-Brabant'), ('Zeeland-West-Brabant', 'Noord-Brabant'),"
              + " ('Zeeland-West-Brabant', 'Zeeland')) v(police_unit, province)");
      List<PublishedTable> ts = List.of(t);
      List<List<List<String>>> cells = mutable(ts);
      LinkedSuppression.Problem p =
          MonitorTables.linkedProblem(c, 2021, List.of(query("m05")), ts, Map.of("m05", m05));
      // Limburg = Limburg, unknown = unknown: 23 + 11 = Noord-Brabant + Zeeland gives 4 back
      assertThat(LinkedSuppression.firstDetermined(p, seen(p, cells), RULES)).isNotNull();
      assertThat(LinkedSuppression.protect(p, cells, RULES)).isNotEmpty();
      assertThat(LinkedSuppression.firstDetermined(p, seen(p, cells), RULES)).isNull();
      // Noord-Brabant goes too: Noord-Brabant + Zeeland = 34 then leaves Zeeland 1 to 9
      assertThat(cells.get(0).stream().map(r -> r.get(3)).toList())
          .containsExactly("30", "23", "11", "12", "76", "30", "x", "<10", "x", "76");
    }
  }

  @Test
  void anXIsZeroOrAtLeastTheThreshold() {
    // two <10 cells and an x in a line of 12: the x is 0 or at least 10, so it is 10 and the two
    // are 1 each, whatever a relaxation to x >= 0 would say
    LinkedSuppression.Problem p = new LinkedSuppression.Problem();
    int a = p.cell(new LinkedSuppression.Ref(0, 0, 0), 1, false);
    int b = p.cell(new LinkedSuppression.Ref(0, 1, 0), 1, false);
    int x = p.cell(new LinkedSuppression.Ref(0, 2, 0), 10, false);
    int total = p.cell(new LinkedSuppression.Ref(0, 3, 0), 12, true);
    p.equation(List.of(a, b, x), List.of(total));
    LinkedSuppression.Seen[] seen = {
      LinkedSuppression.Seen.PRIMARY,
      LinkedSuppression.Seen.PRIMARY,
      LinkedSuppression.Seen.HIDDEN,
      LinkedSuppression.Seen.SHOWN
    };
    assertThat(LinkedSuppression.firstDetermined(p, seen, RULES)).isEqualTo(a);
  }

  /** A table by a dimension and sex of one year, from "row sex persons" triples. */
  static QueryResult bySex(String year, String dimension, String cells) {
    List<List<String>> rows = new ArrayList<>();
    String[] t = cells.trim().split("\\s+");
    for (int k = 0; k < t.length; k += 3) {
      rows.add(List.of(year, t[k], t[k + 1], t[k + 2]));
    }
    return result(List.of("year", dimension, "sex", "persons"), rows);
  }

  static List<String> persons(PublishedTable t) {
    return t.rows().stream().map(r -> r.get(3)).toList();
  }

  @Test
  void smallCellsWhoseSumTheLineGivesAreProtected() throws Exception {
    // national synthetic data, m03 2014: 462 + 257 + X + unknown = 721 leaves X = unknown = 1,
    // though the line holds two suppressed cells and neither is a bridge
    QueryResult m03 =
        bySex(
            "2014",
            "age_group",
            "under_18 F 239  under_18 M 14  under_18 all 253  18_22 F 165  18_22 M 87  18_22 all 252"
                + "  23_plus F 462  23_plus M 257  23_plus X 1  23_plus unknown 1  23_plus all 721"
                + "  unknown F 22  unknown M 19  unknown all 41"
                + "  all F 888  all M 377  all X 1  all unknown 1  all all 1267");
    MonitorQuery q = query("m03");
    CellSuppression.Status[] lines = DisclosureControl.protectCounts(q, m03, 3, RULES);
    assertThat(lines[7]).isEqualTo(CellSuppression.Status.SHOWN); // 23_plus M, by the lines alone
    PublishedTable t = DisclosureControl.apply(q, m03, RULES);
    // 23_plus M goes, and with it the column total M, which would give it back
    assertThat(persons(t))
        .containsExactly(
            "239", "14", "253", "165", "87", "252", "462", "x", "<10", "<10", "721", "22", "19",
            "41", "888", "x", "<10", "<10", "1267");
    assertThat(t.secondary()).isEqualTo(2);
    LinkedSuppression.Problem p = new LinkedSuppression.Problem();
    DisclosureControl.lines(p, q, m03, 3, 0, 3, false);
    assertThat(LinkedSuppression.firstDetermined(p, seen(p, mutable(List.of(t))), RULES)).isNull();
    DisclosureOracle.assertNoHiddenCellIsDetermined(q, m03, t);
  }

  /** National synthetic data, m02 of 2018. */
  static QueryResult m02of2018() {
    return bySex(
        "2018",
        "exploitation_group",
        "sexual F 431  sexual M 56  sexual X 1  sexual unknown 2  sexual all 490"
            + "  labour F 34  labour M 68  labour all 102  criminal F 22  criminal M 22"
            + "  criminal all 44  other_unknown F 25  other_unknown M 15  other_unknown all 40"
            + "  all F 512  all M 161  all X 1  all unknown 2  all all 676");
  }

  /** National synthetic data, m03 of 2018. */
  static QueryResult m03of2018() {
    return bySex(
        "2018",
        "age_group",
        "under_18 F 55  under_18 M 3  under_18 all 58  18_22 F 120  18_22 M 29  18_22 X 1"
            + "  18_22 unknown 1  18_22 all 151  23_plus F 328  23_plus M 123  23_plus unknown 1"
            + "  23_plus all 452  unknown F 9  unknown M 6  unknown all 15"
            + "  all F 512  all M 161  all X 1  all unknown 2  all all 676");
  }

  @Test
  void sexTotalsOfM02AndM03AreProtectedTogether() throws Exception {
    // national synthetic data, 2018: m02 alone gives X + unknown = 3 (1 and 2, or 2 and 1), m03
    // alone that unknown is at least 2 (18_22 and 23_plus): together X = 1 and unknown = 2
    QueryResult m02 = m02of2018();
    QueryResult m03 = m03of2018();
    List<MonitorQuery> qs = List.of(query("m02"), query("m03"));
    Map<String, QueryResult> raws = Map.of("m02", m02, "m03", m03);
    List<PublishedTable> ts =
        List.of(
            DisclosureControl.apply(qs.get(0), m02, RULES),
            DisclosureControl.apply(qs.get(1), m03, RULES));
    List<List<List<String>>> cells = mutable(ts);
    for (int i = 0; i < 2; i++) {
      LinkedSuppression.Problem alone =
          MonitorTables.linkedProblem(null, 2018, List.of(qs.get(i)), List.of(ts.get(i)), raws);
      assertThat(
              LinkedSuppression.firstDetermined(
                  alone, seen(alone, mutable(List.of(ts.get(i)))), RULES))
          .isNull();
    }
    LinkedSuppression.Problem p = MonitorTables.linkedProblem(null, 2018, qs, ts, raws);
    Integer known = LinkedSuppression.firstDetermined(p, seen(p, cells), RULES);
    assertThat(known).isNotNull();
    assertThat(p.values.get(known)).isBetween(1L, 2L);

    assertThat(LinkedSuppression.protect(p, cells, RULES))
        .containsExactly(new LinkedSuppression.Ref(0, 1, 3), new LinkedSuppression.Ref(0, 15, 3));
    assertThat(LinkedSuppression.firstDetermined(p, seen(p, cells), RULES)).isNull();
    // m02 hides sexual M, and the male total, which m03 hides already
    assertThat(cells.get(0).get(1)).containsExactly("2018", "sexual", "M", "x");
    assertThat(cells.get(0).get(15)).containsExactly("2018", "all", "M", "x");
    assertThat(cells.get(1).get(16)).containsExactly("2018", "all", "M", "x");
  }

  @Test
  void wholeNumbersCanPinACellThatRealNumbersLeaveFree() {
    // a + b + x = 23, a + x + d = 26, a + b + d - x = 11, with a, b, d <10 and x an x: in real
    // numbers a may be anything from 6.5 to 8, in whole numbers only 8
    LinkedSuppression.Problem p = new LinkedSuppression.Problem();
    int a = p.cell(new LinkedSuppression.Ref(0, 0, 0), 8, false);
    int b = p.cell(new LinkedSuppression.Ref(0, 1, 0), 5, false);
    int x = p.cell(new LinkedSuppression.Ref(0, 2, 0), 10, false);
    int d = p.cell(new LinkedSuppression.Ref(0, 3, 0), 8, false);
    int s1 = p.cell(new LinkedSuppression.Ref(0, 4, 0), 23, true);
    int s2 = p.cell(new LinkedSuppression.Ref(0, 5, 0), 26, true);
    int s3 = p.cell(new LinkedSuppression.Ref(0, 6, 0), 11, true);
    p.equation(List.of(a, b, x), List.of(s1));
    p.equation(List.of(a, x, d), List.of(s2));
    p.equation(List.of(a, b, d), List.of(x, s3));
    LinkedSuppression.Seen[] seen = new LinkedSuppression.Seen[7];
    java.util.Arrays.fill(seen, LinkedSuppression.Seen.SHOWN);
    seen[a] = seen[b] = seen[d] = LinkedSuppression.Seen.PRIMARY;
    seen[x] = LinkedSuppression.Seen.HIDDEN;
    assertThat(LinkedSuppression.known(p, seen, RULES, a)).isTrue();
    // with the third line's total hidden as well, a is 6 to 8 again... in whole numbers 7 or 8
    seen[s3] = LinkedSuppression.Seen.HIDDEN;
    assertThat(LinkedSuppression.known(p, seen, RULES, a)).isFalse();
  }

  @Test
  void whenOnlyM01IsLeftItsReportsAreHiddenBeforeItsPersons() throws Exception {
    // demo 2019: with every m09 cell hidden, m01 still gives the one combination of three lists
    // back: the sources' persons add up to 334 + pairs + 2 x triples, kmar + inspectorate persons
    // are at most their reports (383 - 283 - 77 = 23), and the pairs (an x) are at least 10
    QueryResult m01 =
        result(
            List.of("year", "source", "persons", "reports"),
            List.of(
                List.of("2019", "police", "252", "283"),
                List.of("2019", "kmar", "4", "4"),
                List.of("2019", "inspectorate", "18", "19"),
                List.of("2019", "care", "72", "77"),
                List.of("2019", "all", "334", "383")));
    QueryResult m09 =
        m09(
            "2019",
            new String[][] {
              {"1", "0", "0", "0", "1", "242", "1", "police"},
              {"0", "1", "0", "0", "1", "3", "1", "kmar"},
              {"0", "0", "1", "0", "1", "15", "1", "inspectorate"},
              {"0", "0", "0", "1", "1", "63", "1", "care"},
              {"1", "1", "0", "0", "2", "1", "2", "police+kmar"},
              {"1", "0", "1", "0", "2", "1", "2", "police+inspectorate"},
              {"1", "0", "0", "1", "2", "7", "2", "police+care"},
              {"0", "0", "1", "1", "2", "1", "2", "inspectorate+care"},
              {"1", "0", "1", "1", "3", "1", "3+", "police+inspectorate+care"},
            },
            "1 323",
            "2 10",
            "3+ 1",
            "all 334");
    List<MonitorQuery> qs = List.of(query("m01"), query("m09"));
    List<PublishedTable> ts =
        List.of(
            DisclosureControl.apply(qs.get(0), m01, RULES),
            DisclosureControl.apply(qs.get(1), m09, RULES));
    List<List<List<String>>> cells = mutable(ts);
    LinkedSuppression.Problem p =
        MonitorTables.linkedProblem(null, 2019, qs, ts, Map.of("m01", m01, "m09", m09));
    List<LinkedSuppression.Ref> hidden = LinkedSuppression.protect(p, cells, RULES);
    assertThat(LinkedSuppression.firstDetermined(p, seen(p, cells), RULES)).isNull();
    // m09 goes first; then care's reports, and m01's persons stay as they were
    assertThat(hidden).contains(new LinkedSuppression.Ref(0, 3, 3));
    assertThat(hidden.stream().filter(r -> r.table() == 0)).hasSize(1);
    assertThat(cells.get(0).stream().map(r -> r.get(2)).toList())
        .isEqualTo(ts.get(0).rows().stream().map(r -> r.get(2)).toList());
    assertThat(cells.get(0).get(3)).containsExactly("2019", "care", "72", "x");
  }
}
