package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
    List<List<String>> rows = new ArrayList<>();
    String[][] combos = {
      {"1", "0", "0", "0", "1", "102", "1", "police"},
      {"0", "1", "0", "0", "1", "2", "1", "kmar"},
      {"0", "0", "1", "0", "1", "5", "1", "inspectorate"},
      {"0", "0", "0", "1", "1", "71", "1", "care"},
      {"1", "0", "1", "0", "2", "3", "2", "police+inspectorate"},
      {"1", "0", "0", "1", "2", "13", "2", "police+care"},
      {"0", "1", "0", "1", "2", "1", "2", "kmar+care"},
    };
    for (String[] c : combos) {
      List<String> r = new ArrayList<>(List.of("2021"));
      r.addAll(List.of(c));
      rows.add(r);
    }
    rows.add(List.of("2021", "", "", "", "", "1", "180", "1", "all"));
    rows.add(List.of("2021", "", "", "", "", "2", "17", "2", "all"));
    rows.add(List.of("2021", "", "", "", "", "all", "197", "all", "all"));
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
        MonitorTables.overlapProblem(2021, ts.get(0), m01(), 0, m09(), 1, ts);
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
      LinkedSuppression.Problem p = MonitorTables.regionProblem(c, m05, 0, t);
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
}
