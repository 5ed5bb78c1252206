package org.victimmonitor.warehouse;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.estimate.MultipleSystemsEstimation;
import org.victimmonitor.estimate.OverlapTable;
import org.victimmonitor.estimate.PopulationEstimate;
import org.victimmonitor.estimate.SelectionMethod;

/**
 * The yearly monitor tables: runs the queries of {@code sql/monitor/} on the warehouse views for a
 * report year, adds m10 (multiple systems estimation on m09's list-overlap table) and passes every
 * table through disclosure control. The raw results stay inside; only {@link PublishedTable}s
 * leave.
 */
public final class MonitorTables {
  /** The registering lists of m09, in the order of its columns. */
  public static final List<String> LISTS = List.of("police", "kmar", "inspectorate", "care");

  public static final String M10 = "m10_estimate";

  private MonitorTables() {}

  /** The monitor queries shipped with this version, in file-name order. */
  public static List<MonitorQuery> queries() throws IOException {
    List<MonitorQuery> out = new ArrayList<>();
    for (Catalog.SqlFile f : Catalog.SqlFile.list("sql/monitor")) {
      out.add(MonitorQuery.parse(f.name(), f.sql()));
    }
    return out;
  }

  /** Years with at least one registration in the warehouse, ascending. */
  public static List<Integer> loadedYears(Connection c) throws SQLException {
    List<Integer> years = new ArrayList<>();
    for (List<String> r :
        QueryResult.run(c, "select distinct year from fact_registration order by year").rows()) {
      years.add(Integer.parseInt(r.get(0)));
    }
    return years;
  }

  /**
   * Fails with a clear error unless registrations of {@code year} are loaded: the error names the
   * years the warehouse has (a report year without registrations would give empty tables that look
   * like a year without victims).
   */
  public static void requireLoaded(Connection c, int year) throws SQLException {
    List<Integer> years = loadedYears(c);
    if (!years.contains(year)) {
      throw new BadInputException(
          "no registrations loaded for " + year + "; the warehouse has " + spans(years));
    }
  }

  /** Years as spans: 2014-2016, 2019, 2021; "none" when empty. */
  static String spans(List<Integer> years) {
    if (years.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < years.size()) {
      int j = i;
      while (j + 1 < years.size() && years.get(j + 1) == years.get(j) + 1) {
        j++;
      }
      b.append(b.length() == 0 ? "" : ", ").append(years.get(i));
      if (j > i) {
        b.append('-').append(years.get(j));
      }
      i = j + 1;
    }
    return b.toString();
  }

  /** Runs one monitor query for a report year, unprotected (stays in the secure environment). */
  public static QueryResult raw(Connection c, MonitorQuery q, int year) throws SQLException {
    setYear(c, year);
    try {
      return QueryResult.run(c, q.sql());
    } catch (SQLException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw new SQLException(q.name() + ".sql failed: " + msg, e);
    }
  }

  /** All monitor tables of a report year, after disclosure control. */
  public static List<PublishedTable> publish(Path warehouse, int year, DisclosureRules rules)
      throws IOException, SQLException {
    try (Connection c = Catalog.openReadOnly(warehouse)) {
      return publish(c, year, rules);
    }
  }

  public static List<PublishedTable> publish(Connection c, int year, DisclosureRules rules)
      throws IOException, SQLException {
    return publish(c, year, rules, new Replays());
  }

  /**
   * The monitor tables of several report years, as {@link #publish} gives each: the earlier years'
   * protection that every report repeats (m01's rows, m07's chain of reports) is worked out once
   * per year instead of once per year and report.
   */
  public static SortedMap<Integer, List<PublishedTable>> publishYears(
      Connection c, List<Integer> years, DisclosureRules rules) throws IOException, SQLException {
    Replays replays = new Replays();
    SortedMap<Integer, List<PublishedTable>> out = new TreeMap<>();
    for (int y : new TreeSet<>(years)) {
      out.put(y, publish(c, y, rules, replays));
    }
    return out;
  }

  /**
   * What the reports of one connection and one set of rules share: each earlier year's m01 rows as
   * that year's report publishes them, and each year's m07 after the chain of reports up to it.
   */
  static final class Replays {
    final Map<Integer, List<List<String>>> m01Rows = new HashMap<>();
    final Map<Integer, PublishedTable> m07 = new HashMap<>();
  }

  static List<PublishedTable> publish(
      Connection c, int year, DisclosureRules rules, Replays replays)
      throws IOException, SQLException {
    requireLoaded(c, year);
    Map<String, QueryResult> raws = new HashMap<>();
    List<PublishedTable> out = protectYear(c, year, rules, raws, queries());
    if (rules.roundingBase() <= 1) {
      earlierM01Rows(c, year, out, rules, replays);
      m07AcrossYears(c, year, out, rules, replays);
      setYear(c, year);
    }
    QueryResult overlap = raws.get("m09");
    if (overlap != null) {
      OverlapTable t;
      String why = null;
      try {
        t = overlapTable(year, overlap);
      } catch (BadInputException e) {
        t = null;
        why = e.getMessage();
      }
      out.add(estimateTable(year, t, why, overlap, rules));
    }
    return out;
  }

  /** The tables of {@code queries} for a report year, each protected, then protected together. */
  static List<PublishedTable> protectYear(
      Connection c,
      int year,
      DisclosureRules rules,
      Map<String, QueryResult> raws,
      List<MonitorQuery> queries)
      throws IOException, SQLException {
    List<PublishedTable> out = new ArrayList<>();
    for (MonitorQuery q : queries) {
      QueryResult r = raw(c, q, year);
      raws.put(q.id(), r);
      out.add(DisclosureControl.apply(q, r, rules));
    }
    if (rules.roundingBase() <= 1) {
      // rounded counts make no exact equations; without rounding, tables that count the same
      // persons are audited together
      protectLinked(c, year, out, raws, rules, queries);
    }
    return out;
  }

  /**
   * m01 holds every year up to the report year, and the joint audit of a year may hide cells of
   * that year's m01 row when nothing else protects m09. Each earlier year's row is therefore
   * published as that year's report publishes it, so that no report shows what another hides.
   */
  static void earlierM01Rows(
      Connection c, int year, List<PublishedTable> out, DisclosureRules rules, Replays replays)
      throws IOException, SQLException {
    int m01 = tableIndex(out, "m01");
    if (m01 < 0) {
      return;
    }
    PublishedTable t = out.get(m01);
    int yearColumn = t.columns().indexOf("year");
    List<List<String>> rows = new ArrayList<>(t.rows());
    int added = 0;
    // the tables of the joint audit are enough: the others take no part in it
    List<MonitorQuery> linked = queries().stream().filter(MonitorTables::byYear).toList();
    for (int y : loadedYears(c)) {
      if (y >= year) {
        continue;
      }
      String ys = Integer.toString(y);
      List<List<String>> then = replays.m01Rows.get(y);
      if (then == null) {
        then =
            protectYear(c, y, rules, new HashMap<>(), linked).stream()
                .filter(p -> p.id().equals("m01"))
                .findFirst()
                .orElseThrow()
                .rows()
                .stream()
                .filter(r -> r.get(yearColumn).equals(ys))
                .toList();
        replays.m01Rows.put(y, then);
      }
      int k = 0;
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i).get(yearColumn).equals(ys)) {
          List<String> before = rows.get(i);
          List<String> after = then.get(k++);
          for (int j = 0; j < before.size(); j++) {
            if (!before.get(j).equals(after.get(j))) {
              added++;
            }
          }
          rows.set(i, after);
        }
      }
    }
    if (added > 0) {
      out.set(m01, t.withRows(rows, added));
    }
  }

  /**
   * m07's 'before' rows of a cohort are the same in every report (suspect registrations before the
   * cohort's first registration), and its pooled 'all' row grows by the newest cohort: 'all' of Y
   * minus 'all' of Y - 1 would give the newest cohort's row. The reports are therefore protected
   * one after the other: the older cohorts' 'before' rows are published as the report before
   * published them, that report's shown 'before' totals are known figures, and the audit hides
   * cells of the newest cohort's row or of 'all' until no small count can be worked out.
   */
  static void m07AcrossYears(
      Connection c, int year, List<PublishedTable> out, DisclosureRules rules, Replays replays)
      throws IOException, SQLException {
    int m07 = tableIndex(out, "m07");
    if (m07 < 0) {
      return;
    }
    MonitorQuery q = queries().stream().filter(x -> x.id().equals("m07")).findFirst().orElseThrow();
    PublishedTable before = null;
    for (int y : loadedYears(c)) {
      if (y > year) {
        break;
      }
      PublishedTable known = y < year ? replays.m07.get(y) : null;
      if (known != null) {
        before = known;
        continue;
      }
      QueryResult raw = raw(c, q, y);
      PublishedTable t = y == year ? out.get(m07) : DisclosureControl.apply(q, raw, rules);
      if (before != null) {
        t = afterThePrevious(q, raw, t, before, rules);
      }
      before = t;
      replays.m07.put(y, t);
    }
    out.set(m07, before);
  }

  /** One report's m07, protected given the report before it ({@link #m07AcrossYears}). */
  static PublishedTable afterThePrevious(
      MonitorQuery q,
      QueryResult raw,
      PublishedTable t,
      PublishedTable previous,
      DisclosureRules rules) {
    List<String> cols = t.columns();
    int cohort = cols.indexOf("cohort");
    int period = cols.indexOf("period");
    int pct = cols.indexOf("pct");
    Map<String, List<String>> was = new HashMap<>();
    for (List<String> r : previous.rows()) {
      was.put(r.get(cohort) + "|" + r.get(period), r);
    }
    List<List<String>> cells = new ArrayList<>();
    t.rows().forEach(r -> cells.add(new ArrayList<>(r)));
    LinkedSuppression.Problem p = new LinkedSuppression.Problem();
    for (String count : q.counts()) {
      DisclosureControl.lines(
          p, q, raw, raw.columns().indexOf(count), 0, cols.indexOf(count), false);
    }
    DisclosureControl.ordered(p, q, raw, 0, cols::indexOf);
    boolean changed = false;
    List<Integer> older = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      List<String> r = cells.get(i);
      List<String> then = was.get(r.get(cohort) + "|before");
      if (!r.get(period).equals("before") || r.get(cohort).equals("all") || then == null) {
        continue;
      }
      older.add(i);
      for (int j = 0; j < r.size(); j++) {
        if (!r.get(j).equals(then.get(j))) {
          r.set(j, then.get(j));
          changed = true;
        }
      }
      for (String count : q.counts()) {
        Integer k = p.index.get(new LinkedSuppression.Ref(0, i, cols.indexOf(count)));
        if (k != null) {
          p.fixed.add(k);
        }
      }
    }
    // the report before's shown 'before' totals: the sums of the older cohorts' cells
    List<String> total = was.get("all|before");
    if (total != null) {
      for (String count : q.counts()) {
        int col = cols.indexOf(count);
        if (total.get(col).matches("\\d+")) {
          int known =
              p.fixedCell(new LinkedSuppression.Ref(1, 0, col), Long.parseLong(total.get(col)));
          List<Integer> parts = new ArrayList<>();
          for (int i : older) {
            parts.add(p.index.get(new LinkedSuppression.Ref(0, i, col)));
          }
          p.equation(parts, List.of(known));
        }
      }
    }
    List<List<List<String>>> tables =
        List.of(cells, total == null ? List.of() : List.of(new ArrayList<>(total)));
    changed |= !LinkedSuppression.protect(p, tables, rules).isEmpty();
    for (List<String> r : cells) {
      boolean hidden = q.counts().stream().anyMatch(n -> !r.get(cols.indexOf(n)).matches("\\d+"));
      if (hidden && !r.get(pct).isEmpty() && !r.get(pct).equals(DisclosureControl.HIDDEN)) {
        r.set(pct, DisclosureControl.HIDDEN);
      }
    }
    return changed ? t.withRows(cells, hiddenCount(cells) - hiddenCount(t.rows())) : t;
  }

  private static int hiddenCount(List<List<String>> rows) {
    return (int)
        rows.stream().flatMap(List::stream).filter(DisclosureControl.HIDDEN::equals).count();
  }

  /**
   * Hides further cells where the tables of the report year read together would give a suppressed
   * cell back ({@link LinkedSuppression}, on {@link #linkedProblem}); replaces those tables in
   * {@code out}.
   */
  static void protectLinked(
      Connection c,
      int year,
      List<PublishedTable> out,
      Map<String, QueryResult> raws,
      DisclosureRules rules,
      List<MonitorQuery> queries)
      throws SQLException {
    List<List<List<String>>> cells = new ArrayList<>();
    for (PublishedTable t : out) {
      List<List<String>> rows = new ArrayList<>();
      t.rows().forEach(r -> rows.add(new ArrayList<>(r)));
      cells.add(rows);
    }
    int[] added = new int[out.size()];
    LinkedSuppression.Problem p = linkedProblem(c, year, queries, out, raws);
    LinkedSuppression.protect(p, cells, rules).forEach(r -> added[r.table()]++);
    for (int i = 0; i < out.size(); i++) {
      if (added[i] > 0) {
        out.set(i, out.get(i).withRows(cells.get(i), added[i]));
      }
    }
  }

  /** Columns of a table that split persons of a year into parts another table splits too. */
  private static final List<String> SHARED = List.of("year", "sex", "region_type");

  /**
   * The joint audit of the tables of a report year that count the persons of a year ({@code
   * queries.get(i)} made {@code out.get(i)}; m07 and m08 count cohorts and stand alone):
   *
   * <ul>
   *   <li>every table's own lines ({@link DisclosureControl#lines}) and the order of its count
   *       columns ({@link DisclosureControl#ordered}); m01, the headline, is hidden further only as
   *       a last resort, in the report year's row, reports before persons;
   *   <li>the margins that count the same persons in several tables are equal: the persons of a
   *       year by sex in m02 and m03, and the persons of a year in m01 to m05 and m09;
   *   <li>each source's m01 persons is the sum of m09's combinations holding it;
   *   <li>m05's police units and provinces of one group of municipalities hold the same persons
   *       ({@link #regionLinks}; needs {@code dim_municipality} on {@code c}).
   * </ul>
   */
  static LinkedSuppression.Problem linkedProblem(
      Connection c,
      int year,
      List<MonitorQuery> queries,
      List<PublishedTable> out,
      Map<String, QueryResult> raws)
      throws SQLException {
    LinkedSuppression.Problem p = new LinkedSuppression.Problem();
    Map<String, List<Integer>> margins = new LinkedHashMap<>();
    for (int t = 0; t < out.size() && t < queries.size(); t++) {
      MonitorQuery q = queries.get(t);
      QueryResult raw = raws.get(q.id());
      if (raw == null || !byYear(q)) {
        continue;
      }
      List<String> dims = new ArrayList<>(q.by());
      dims.add(q.rows());
      if (q.cols() != null) {
        dims.add(q.cols());
      }
      boolean fixed = q.id().equals("m01");
      PublishedTable published = out.get(t);
      for (String count : q.counts()) {
        DisclosureControl.lines(
            p, q, raw, raw.columns().indexOf(count), t, published.columns().indexOf(count), fixed);
      }
      DisclosureControl.ordered(p, q, raw, t, published.columns()::indexOf);
      for (String count : q.counts()) {
        int column = published.columns().indexOf(count);
        for (int i = 0; i < raw.rows().size(); i++) {
          List<String> r = raw.rows().get(i);
          boolean margin = true;
          for (String d : dims) {
            margin &= SHARED.contains(d) || r.get(raw.columns().indexOf(d)).equals(q.total());
          }
          if (margin) {
            int sex = raw.columns().indexOf("sex");
            String key =
                count
                    + "|"
                    + r.get(raw.columns().indexOf("year"))
                    + "|"
                    + (sex < 0 ? q.total() : r.get(sex));
            int cell = p.index.get(new LinkedSuppression.Ref(t, i, column));
            margins.computeIfAbsent(key, k -> new ArrayList<>()).add(cell);
          }
        }
      }
    }
    for (List<Integer> same : margins.values()) {
      for (int cell : same.subList(1, same.size())) {
        if (p.values.get(cell).equals(p.values.get(same.get(0)))) {
          p.equation(List.of(cell), List.of(same.get(0)));
        }
      }
    }
    int m01 = indexOf(queries, "m01");
    int m09 = indexOf(queries, "m09");
    if (m01 >= 0 && m09 >= 0 && m01 < out.size() && m09 < out.size()) {
      sourceLinks(p, year, raws.get("m01"), m01, out.get(m01), raws.get("m09"), m09, out.get(m09));
    }
    int m05 = indexOf(queries, "m05");
    if (m05 >= 0 && m05 < out.size() && c != null) {
      regionLinks(p, c, raws.get("m05"), m05, out.get(m05));
    }
    if (m01 >= 0 && m01 < out.size()) {
      // the report year's m01 row may be hidden as a last resort, its reports before its persons:
      // later reports repeat it as this report publishes it (earlierM01Rows)
      QueryResult r01 = raws.get("m01");
      int year01 = r01.columns().indexOf("year");
      for (String count : queries.get(m01).counts()) {
        int column = out.get(m01).columns().indexOf(count);
        for (int i = 0; i < r01.rows().size(); i++) {
          if (r01.rows().get(i).get(year01).equals(Integer.toString(year))) {
            p.lastResort(
                new LinkedSuppression.Ref(m01, i, column), count.equals("persons") ? 2 : 1);
          }
        }
      }
    }
    return p;
  }

  /** The position of a table in a report's list, or -1. */
  private static int tableIndex(List<PublishedTable> out, String id) {
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether a table counts the persons of a year (a {@code year} among its breakdowns). */
  static boolean byYear(MonitorQuery q) {
    return q.rows() != null
        && (q.by().contains("year") || q.rows().equals("year") || "year".equals(q.cols()));
  }

  private static int indexOf(List<MonitorQuery> queries, String id) {
    for (int i = 0; i < queries.size(); i++) {
      if (queries.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** Each source's m01 persons of the year is the sum of m09's combinations holding the source. */
  static void sourceLinks(
      LinkedSuppression.Problem p,
      int year,
      QueryResult m01,
      int m01Table,
      PublishedTable m01Published,
      QueryResult m09,
      int m09Table,
      PublishedTable m09Published) {
    int persons = m09.columns().indexOf("persons");
    int persons09 = m09Published.columns().indexOf("persons");
    int combo = m09.columns().indexOf("combo");
    Map<String, List<Integer>> bySource = new LinkedHashMap<>();
    for (int i = 0; i < m09.rows().size(); i++) {
      List<String> r = m09.rows().get(i);
      if (r.get(combo).equals("all")) {
        continue;
      }
      int cell =
          p.cell(
              new LinkedSuppression.Ref(m09Table, i, persons09),
              Long.parseLong(r.get(persons)),
              false);
      for (String source : r.get(combo).split("\\+")) {
        bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(cell);
      }
    }
    int year01 = m01.columns().indexOf("year");
    int source01 = m01.columns().indexOf("source");
    int persons01 = m01.columns().indexOf("persons");
    int published01 = m01Published.columns().indexOf("persons");
    for (int i = 0; i < m01.rows().size(); i++) {
      List<String> r = m01.rows().get(i);
      String source = r.get(source01);
      if (r.get(year01).equals(Integer.toString(year)) && !source.equals("all")) {
        int cell =
            p.fixedCell(
                new LinkedSuppression.Ref(m01Table, i, published01),
                Long.parseLong(r.get(persons01)));
        p.equation(bySource.getOrDefault(source, List.of()), List.of(cell));
      }
    }
  }

  /**
   * m05's two breakdowns of the same persons: the police units and provinces of one group of
   * municipalities (a connected part of the unit-province map, 'unknown' with 'unknown') hold the
   * same persons.
   */
  static void regionLinks(
      LinkedSuppression.Problem p,
      Connection c,
      QueryResult m05,
      int table,
      PublishedTable published)
      throws SQLException {
    int type = m05.columns().indexOf("region_type");
    int region = m05.columns().indexOf("region");
    int persons = m05.columns().indexOf("persons");
    int shown = published.columns().indexOf("persons");
    Map<String, Integer> unit = new HashMap<>();
    Map<String, Integer> province = new HashMap<>();
    for (int i = 0; i < m05.rows().size(); i++) {
      List<String> r = m05.rows().get(i);
      boolean isAll = r.get(region).equals("all");
      int cell =
          p.cell(new LinkedSuppression.Ref(table, i, shown), Long.parseLong(r.get(persons)), isAll);
      (r.get(type).equals("police_unit") ? unit : province).put(r.get(region), cell);
    }
    // each breakdown's lines and their equal totals are in the problem already; the connected parts
    // of the map: union-find over "u:<unit>" and "p:<province>"
    Map<String, String> parent = new HashMap<>();
    List<String[]> edges = new ArrayList<>(unitProvince(c));
    edges.add(new String[] {"unknown", "unknown"});
    for (String[] e : edges) {
      union(parent, "u:" + e[0], "p:" + e[1]);
    }
    Map<String, List<Integer>> unitsOf = new HashMap<>();
    Map<String, List<Integer>> provincesOf = new HashMap<>();
    unit.forEach(
        (k, v) -> {
          if (!k.equals("all")) {
            unitsOf.computeIfAbsent(find(parent, "u:" + k), x -> new ArrayList<>()).add(v);
          }
        });
    province.forEach(
        (k, v) -> {
          if (!k.equals("all")) {
            provincesOf.computeIfAbsent(find(parent, "p:" + k), x -> new ArrayList<>()).add(v);
          }
        });
    for (String root : unitsOf.keySet()) {
      p.equation(unitsOf.get(root), provincesOf.getOrDefault(root, List.of()));
    }
    for (String root : provincesOf.keySet()) {
      if (!unitsOf.containsKey(root)) {
        p.equation(List.of(), provincesOf.get(root));
      }
    }
  }

  /** The police unit and province of every municipality (public geography), each pair once. */
  static List<String[]> unitProvince(Connection c) throws SQLException {
    List<String[]> out = new ArrayList<>();
    for (List<String> r :
        QueryResult.run(
                c,
                "select distinct coalesce(police_unit, 'unknown'), coalesce(province, 'unknown')"
                    + " from dim_municipality")
            .rows()) {
      out.add(new String[] {r.get(0), r.get(1)});
    }
    return out;
  }

  private static String find(Map<String, String> parent, String x) {
    String r = x;
    while (parent.containsKey(r) && !parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    parent.putIfAbsent(x, r);
    return r;
  }

  private static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    parent.putIfAbsent(ra, ra);
    parent.putIfAbsent(rb, rb);
    if (!ra.equals(rb)) {
      parent.put(ra, rb);
    }
  }

  /**
   * The list-overlap table of m09's result (its combination rows), for estimation. Lists that
   * registered nobody that year carry no information and are left out.
   */
  public static OverlapTable overlapTable(int year, QueryResult m09) {
    List<String> cols = m09.columns();
    int persons = cols.indexOf("persons");
    List<int[]> patterns = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    boolean[] used = new boolean[LISTS.size()];
    for (List<String> r : m09.rows()) {
      if (r.get(cols.indexOf(LISTS.get(0))).isEmpty()) {
        continue; // a summary row
      }
      int[] flags = new int[LISTS.size()];
      for (int k = 0; k < LISTS.size(); k++) {
        flags[k] = r.get(cols.indexOf(LISTS.get(k))).equals("1") ? 1 : 0;
        used[k] |= flags[k] == 1;
      }
      patterns.add(flags);
      counts.add(Long.parseLong(r.get(persons)));
    }
    List<String> lists = new ArrayList<>();
    for (int k = 0; k < LISTS.size(); k++) {
      if (used[k]) {
        lists.add(LISTS.get(k));
      }
    }
    long[] table = new long[1 << lists.size()];
    for (int i = 0; i < patterns.size(); i++) {
      int pattern = 0;
      int bit = 0;
      for (int k = 0; k < LISTS.size(); k++) {
        if (used[k]) {
          pattern |= patterns.get(i)[k] << bit++;
        }
      }
      table[pattern] += counts.get(i);
    }
    return OverlapTable.of("warehouse year " + year, lists, table);
  }

  /** m10: the multiple systems estimate of one year, one row. */
  static PublishedTable estimateTable(
      int year, OverlapTable t, String why, QueryResult m09, DisclosureRules rules) {
    long registered = 0;
    for (List<String> r : m09.rows()) {
      if (r.get(m09.columns().indexOf("lists")).equals("all")) {
        registered = Long.parseLong(r.get(m09.columns().indexOf("persons")));
      }
    }
    List<String> cols =
        List.of("year", "observed", "estimate", "lower", "upper", "method", "model");
    List<String> row;
    List<String> notes = new ArrayList<>();
    notes.add(
        "Method: Poisson log-linear models on the list-overlap table of m09 (registering lists "
            + (t == null ? String.join(", ", LISTS) : String.join(", ", t.lists()))
            + "; a list that registered nobody is left out), two-list interactions added stepwise by their p-value (threshold "
            + MultipleSystemsEstimation.DEFAULT_THRESHOLD
            + ") as in SparseMSE; 95% lognormal interval. See docs/estimation.md.");
    notes.add(
        "Caveats: assumes a closed population within the year and no unmodelled dependence"
            + " between lists; linkage errors between lists bias the estimate. Treat it as an"
            + " order of magnitude, not a count. With small lists the stepwise choice often"
            + " misses a real dependence between lists: on synthetic data with known totals the"
            + " interval covered the truth about 9 times in 10, not 19 in 20, and when it missed"
            + " it was nearly always too low (docs/estimation.md, Coverage).");
    if (registered < rules.threshold()) {
      row = List.of(Integer.toString(year), rules.suppressedLabel(), "", "", "", "", "");
      notes.add("Fewer registered persons than the disclosure threshold: no estimate published.");
    } else {
      String observed = Long.toString(CellSuppression.round(registered, rules.roundingBase()));
      try {
        if (t == null) {
          throw new BadInputException(why);
        }
        PopulationEstimate e =
            MultipleSystemsEstimation.estimate(
                t, SelectionMethod.STEPWISE, MultipleSystemsEstimation.DEFAULT_THRESHOLD);
        row =
            List.of(
                Integer.toString(year),
                observed,
                Long.toString(Math.round(e.estimate())),
                Long.toString(Math.round(e.lower())),
                Long.toString(Math.round(e.upper())),
                e.method().name().toLowerCase(Locale.ROOT),
                e.model().isEmpty()
                    ? "main effects"
                    : "main effects + " + String.join(" + ", e.model()));
      } catch (BadInputException e) {
        row = List.of(Integer.toString(year), observed, "", "", "", "stepwise", "no estimate");
        notes.add("No estimate for this year: " + e.getMessage());
      }
    }
    return new PublishedTable(
        M10,
        "Estimated total number of victims (multiple systems estimation)",
        "The registered persons of the year and an estimate of all victims, registered or not,"
            + " from how the registering lists overlap.",
        List.copyOf(notes),
        cols,
        List.of(false, true, true, true, true, false, false),
        List.of(row),
        0,
        0);
  }

  private static void setYear(Connection c, int year) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("set variable report_year = " + year);
    }
  }
}
