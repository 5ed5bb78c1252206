package org.victimmonitor.warehouse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The published monitor tables audited as an outside reader would audit them, independently of the
 * code that protects them: from the exported cells only (of every report year at once), what the
 * documentation says about them, and public geography. Each figure is one unknown, shared by every
 * table and every year that publishes it (m01's rows of a year, m07's and m08's cohort rows, the
 * persons of a year in m01 to m05 and m09, the persons of a year by sex in m02 and m03). A `<10`
 * cell is a whole number from 1 to threshold - 1, an `x` is 0 or at least the threshold, a number
 * is what it says; the tables' lines are sums (m01's unique persons: at most the sum of the
 * sources, at least each source, at most the reports), a source's persons in m01 is the sum of
 * m09's combinations holding it, a group of municipalities holds the same persons by police unit
 * and by province, and m07 and m08 counts are at most their persons. Integer programming (ojAlgo)
 * then finds the smallest and largest value of every `<10` cell: equal means worked out.
 */
final class ReaderAudit {
  private static final String SUPPRESSED = "<10";
  private static final List<String> SOURCES = MonitorTables.LISTS;

  private final int threshold;
  private final Map<String, String> seen = new LinkedHashMap<>();
  private final Map<String, String> where = new HashMap<>();
  private final List<Map<String, Integer>> equal = new ArrayList<>();
  private final List<Map<String, Integer>> atMost = new ArrayList<>();
  private final List<String> shownElsewhere = new ArrayList<>();
  private List<String[]> map = List.of();

  ReaderAudit(int threshold) {
    this.threshold = threshold;
  }

  /** The police unit and province of every municipality (public). */
  void geography(List<String[]> unitProvince) {
    this.map = List.copyOf(unitProvince);
  }

  private String see(String key, String value, String at) {
    String old = seen.get(key);
    if (old == null || old.equals(value)) {
      seen.put(key, value);
      where.putIfAbsent(key, at);
    } else if (number(old) && number(value)) {
      throw new IllegalStateException(
          key
              + " published as "
              + old
              + " ("
              + where.get(key)
              + ") and "
              + value
              + " ("
              + at
              + ")");
    } else if (old.equals(SUPPRESSED) && number(value) || value.equals(SUPPRESSED) && number(old)) {
      shownElsewhere.add(key + " (" + where.get(key) + ", " + at + ")");
      seen.put(key, number(value) ? value : old);
    } else if (old.equals(DisclosureControl.HIDDEN)) {
      seen.put(key, value); // a number or <10 tells more than an x
      where.put(key, at);
    }
    return key;
  }

  private static boolean number(String v) {
    return v.matches("\\d+");
  }

  private void sum(String total, List<String> parts) {
    Map<String, Integer> e = new HashMap<>();
    parts.forEach(p -> e.merge(p, 1, Integer::sum));
    e.merge(total, -1, Integer::sum);
    equal.add(e);
  }

  private void lessOrEqual(List<String> small, List<String> large) {
    Map<String, Integer> e = new HashMap<>();
    small.forEach(p -> e.merge(p, 1, Integer::sum));
    large.forEach(p -> e.merge(p, -1, Integer::sum));
    atMost.add(e);
  }

  private static Map<String, String> row(PublishedTable t, int i) {
    Map<String, String> r = new HashMap<>();
    for (int c = 0; c < t.columns().size(); c++) {
      r.put(t.columns().get(c), t.rows().get(i).get(c));
    }
    return r;
  }

  /** Adds the tables of one report year, as {@link MonitorTables#publish} gives them. */
  void report(int year, List<PublishedTable> tables) {
    for (PublishedTable t : tables) {
      String at = year + "/" + t.id();
      switch (t.id()) {
        case "m01" -> m01(t, at);
        case "m02", "m03", "m04" -> twoWay(t, year, at);
        case "m05" -> m05(t, year, at);
        case "m07" -> m07(t, year, at);
        case "m08" -> m08(t, at);
        case "m09" -> m09(t, year, at);
        default -> {} // m06 (percentages) and m10 (an estimate)
      }
    }
  }

  private void m01(PublishedTable t, String at) {
    Map<String, List<String>> years = new LinkedHashMap<>();
    for (int i = 0; i < t.rows().size(); i++) {
      Map<String, String> r = row(t, i);
      String y = r.get("year");
      String s = r.get("source");
      years.computeIfAbsent(y, k -> new ArrayList<>()).add(s);
      String persons = s.equals("all") ? "tot|" + y : "m01|" + y + "|" + s + "|persons";
      see(persons, r.get("persons"), at);
      see("m01|" + y + "|" + s + "|reports", r.get("reports"), at);
    }
    years.forEach(
        (y, sources) -> {
          List<String> src = sources.stream().filter(s -> !s.equals("all")).toList();
          if (!sources.contains("all")) {
            return;
          }
          sum(
              "m01|" + y + "|all|reports",
              src.stream().map(s -> "m01|" + y + "|" + s + "|reports").toList());
          List<String> persons = src.stream().map(s -> "m01|" + y + "|" + s + "|persons").toList();
          lessOrEqual(List.of("tot|" + y), persons);
          for (String s : src) {
            lessOrEqual(List.of("m01|" + y + "|" + s + "|persons"), List.of("tot|" + y));
            lessOrEqual(
                List.of("m01|" + y + "|" + s + "|persons"),
                List.of("m01|" + y + "|" + s + "|reports"));
          }
          lessOrEqual(List.of("tot|" + y), List.of("m01|" + y + "|all|reports"));
        });
  }

  /** m02, m03 (by sex) and m04 (nationality within its group): rows × columns with totals. */
  private void twoWay(PublishedTable t, int year, String at) {
    String rowCol = t.columns().get(1);
    String colCol = t.columns().get(2);
    boolean bySex = colCol.equals("sex");
    Map<String, Map<String, String>> cells = new LinkedHashMap<>();
    for (int i = 0; i < t.rows().size(); i++) {
      Map<String, String> r = row(t, i);
      String a = r.get(rowCol);
      String b = r.get(colCol);
      String key;
      if (a.equals("all") && b.equals("all")) {
        key = "tot|" + year;
      } else if (a.equals("all") && bySex) {
        key = "sex|" + year + "|" + b;
      } else {
        key = t.id() + "|" + year + "|" + a + "|" + b;
      }
      cells.computeIfAbsent(a, k -> new LinkedHashMap<>()).put(b, see(key, r.get("persons"), at));
    }
    Map<String, List<String>> columns = new LinkedHashMap<>();
    cells.forEach(
        (a, line) -> {
          if (line.containsKey("all")) {
            sum(
                line.get("all"),
                line.entrySet().stream()
                    .filter(e -> !e.getKey().equals("all"))
                    .map(Map.Entry::getValue)
                    .toList());
          }
          if (!a.equals("all")) {
            line.forEach((b, k) -> columns.computeIfAbsent(b, x -> new ArrayList<>()).add(k));
          }
        });
    Map<String, String> totals = cells.getOrDefault("all", Map.of());
    columns.forEach(
        (b, parts) -> {
          if (totals.containsKey(b)) {
            sum(totals.get(b), parts);
          }
        });
  }

  private void m05(PublishedTable t, int year, String at) {
    Map<String, List<String>> parts = new LinkedHashMap<>();
    Map<String, Map<String, String>> byType = new LinkedHashMap<>();
    for (int i = 0; i < t.rows().size(); i++) {
      Map<String, String> r = row(t, i);
      String type = r.get("region_type");
      String region = r.get("region");
      String key = region.equals("all") ? "tot|" + year : "m05|" + year + "|" + type + "|" + region;
      see(key, r.get("persons"), at);
      if (!region.equals("all")) {
        parts.computeIfAbsent(type, k -> new ArrayList<>()).add(key);
        byType.computeIfAbsent(type, k -> new HashMap<>()).put(region, key);
      }
    }
    parts.forEach((type, keys) -> sum("tot|" + year, keys));
    // groups of municipalities: connected parts of the unit-province map
    Map<String, String> parent = new HashMap<>();
    List<String[]> edges = new ArrayList<>(map);
    edges.add(new String[] {"unknown", "unknown"});
    for (String[] e : edges) {
      String a = find(parent, "u:" + e[0]);
      String b = find(parent, "p:" + e[1]);
      parent.put(a, b);
    }
    Map<String, List<String>> units = new LinkedHashMap<>();
    Map<String, List<String>> provinces = new LinkedHashMap<>();
    byType
        .getOrDefault("police_unit", Map.of())
        .forEach(
            (u, k) -> units.computeIfAbsent(find(parent, "u:" + u), x -> new ArrayList<>()).add(k));
    byType
        .getOrDefault("province", Map.of())
        .forEach(
            (p, k) ->
                provinces.computeIfAbsent(find(parent, "p:" + p), x -> new ArrayList<>()).add(k));
    Set<String> roots = new LinkedHashSet<>(units.keySet());
    roots.addAll(provinces.keySet());
    for (String root : roots) {
      Map<String, Integer> e = new HashMap<>();
      units.getOrDefault(root, List.of()).forEach(k -> e.merge(k, 1, Integer::sum));
      provinces.getOrDefault(root, List.of()).forEach(k -> e.merge(k, -1, Integer::sum));
      equal.add(e);
    }
  }

  private static String find(Map<String, String> parent, String x) {
    String r = x;
    while (parent.containsKey(r) && !parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    return r;
  }

  /** m07: a cohort's persons and suspects before registration are the same in every year. */
  private void m07(PublishedTable t, int year, String at) {
    Map<String, List<String[]>> byPeriod = new LinkedHashMap<>();
    for (int i = 0; i < t.rows().size(); i++) {
      Map<String, String> r = row(t, i);
      String c = r.get("cohort");
      String p = r.get("period");
      String persons = c.equals("all") ? "m07|" + year + "|all|persons" : "coh|" + c;
      String suspects =
          c.equals("all") || p.equals("after")
              ? "m07|" + year + "|" + c + "|" + p + "|suspects"
              : "m07|" + c + "|" + p + "|suspects";
      see(persons, r.get("persons"), at);
      see(suspects, r.get("suspects"), at);
      lessOrEqual(List.of(suspects), List.of(persons));
      byPeriod.computeIfAbsent(p, k -> new ArrayList<>()).add(new String[] {c, persons, suspects});
    }
    byPeriod.forEach(
        (p, rows) -> {
          String[] all = rows.stream().filter(r -> r[0].equals("all")).findFirst().orElse(null);
          if (all != null) {
            List<String[]> cohorts = rows.stream().filter(r -> !r[0].equals("all")).toList();
            sum(all[1], cohorts.stream().map(r -> r[1]).toList());
            sum(all[2], cohorts.stream().map(r -> r[2]).toList());
          }
        });
  }

  /** m08: a cohort's row is the same in every year; its persons by age in every support type. */
  private void m08(PublishedTable t, String at) {
    Map<String, Map<String, String[]>> lines = new LinkedHashMap<>();
    for (int i = 0; i < t.rows().size(); i++) {
      Map<String, String> r = row(t, i);
      String c = r.get("cohort");
      String type = r.get("support_type");
      String age = r.get("age_group");
      String persons = age.equals("all") ? "coh|" + c : "m08|" + c + "|" + age + "|persons";
      String supported = "m08|" + c + "|" + type + "|" + age + "|supported";
      see(persons, r.get("persons"), at);
      see(supported, r.get("supported"), at);
      lessOrEqual(List.of(supported), List.of(persons));
      lines
          .computeIfAbsent(c + "|" + type, k -> new LinkedHashMap<>())
          .put(age, new String[] {persons, supported});
    }
    for (Map<String, String[]> line : lines.values()) {
      String[] all = line.get("all");
      if (all != null) {
        List<String[]> ages =
            line.entrySet().stream()
                .filter(e -> !e.getKey().equals("all"))
                .map(Map.Entry::getValue)
                .toList();
        sum(all[0], ages.stream().map(a -> a[0]).toList());
        sum(all[1], ages.stream().map(a -> a[1]).toList());
      }
    }
  }

  /** m09: combinations (0/1 per list), the groups by number of lists, and m01's sources. */
  private void m09(PublishedTable t, int year, String at) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    Map<String, String> groupTotals = new LinkedHashMap<>();
    Map<String, List<String>> bySource = new LinkedHashMap<>();
    for (int i = 0; i < t.rows().size(); i++) {
      Map<String, String> r = row(t, i);
      String lists = r.get("lists");
      if (r.get(SOURCES.get(0)).isEmpty()) {
        String key = lists.equals("all") ? "tot|" + year : "m09|" + year + "|group|" + lists;
        see(key, r.get("persons"), at);
        if (!lists.equals("all")) {
          groupTotals.put(lists, key);
        }
        continue;
      }
      StringBuilder flags = new StringBuilder();
      SOURCES.forEach(s -> flags.append(r.get(s)));
      String key = see("m09|" + year + "|" + flags, r.get("persons"), at);
      String group = Integer.parseInt(lists) >= 3 ? "3+" : lists;
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(key);
      for (String s : SOURCES) {
        if (r.get(s).equals("1")) {
          bySource.computeIfAbsent(s, x -> new ArrayList<>()).add(key);
        }
      }
    }
    groups.forEach(
        (g, keys) -> {
          if (groupTotals.containsKey(g)) {
            sum(groupTotals.get(g), keys);
          }
        });
    sum("tot|" + year, new ArrayList<>(groupTotals.values()));
    bySource.forEach((s, keys) -> sum("m01|" + year + "|" + s + "|persons", keys));
  }

  /** Every `<10` figure the reader can work out (and any shown as a number elsewhere). */
  List<String> workedOut() {
    List<String> out = new ArrayList<>(shownElsewhere);
    List<Map<String, Integer>> all = new ArrayList<>(equal);
    all.addAll(atMost);
    // components through unknown figures
    Map<String, String> parent = new HashMap<>();
    for (Map<String, Integer> e : all) {
      String first = null;
      for (String k : e.keySet()) {
        if (!number(seen.getOrDefault(k, ""))) {
          if (first == null) {
            first = k;
          } else {
            parent.put(find(parent, k), find(parent, first));
          }
        }
      }
    }
    Map<String, List<Map<String, Integer>>> equalIn = new HashMap<>();
    Map<String, List<Map<String, Integer>>> atMostIn = new HashMap<>();
    for (List<Map<String, Integer>> group : List.of(equal, atMost)) {
      for (Map<String, Integer> e : group) {
        String root = null;
        for (String k : e.keySet()) {
          if (!number(seen.getOrDefault(k, ""))) {
            root = find(parent, k);
          }
        }
        if (root != null) {
          (group == equal ? equalIn : atMostIn)
              .computeIfAbsent(root, r -> new ArrayList<>())
              .add(e);
        }
      }
    }
    for (Map.Entry<String, String> s : seen.entrySet()) {
      if (!s.getValue().equals(SUPPRESSED)) {
        continue;
      }
      String root = find(parent, s.getKey());
      long low = bound(s.getKey(), equalIn.get(root), atMostIn.get(root), false);
      long high = bound(s.getKey(), equalIn.get(root), atMostIn.get(root), true);
      if (low == high) {
        out.add(s.getKey() + " = " + low + " (" + where.get(s.getKey()) + ")");
      }
    }
    return out;
  }

  /** How many `<10` figures the tables hold. */
  long suppressed() {
    return seen.values().stream().filter(SUPPRESSED::equals).count();
  }

  private long bound(
      String target,
      List<Map<String, Integer>> equalities,
      List<Map<String, Integer>> inequalities,
      boolean max) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Map<String, Variable> vars = new HashMap<>();
    List<Map<String, Integer>> eqs = equalities == null ? List.of() : equalities;
    List<Map<String, Integer>> les = inequalities == null ? List.of() : inequalities;
    int n = 0;
    for (List<Map<String, Integer>> group : List.of(eqs, les)) {
      for (Map<String, Integer> e : group) {
        double constant = 0;
        Expression x = model.addExpression("c" + n++);
        for (Map.Entry<String, Integer> t : e.entrySet()) {
          String v = seen.getOrDefault(t.getKey(), "");
          if (number(v)) {
            constant += t.getValue() * Double.parseDouble(v);
          } else {
            x.set(vars.computeIfAbsent(t.getKey(), k -> variable(model, k)), t.getValue());
          }
        }
        if (group == eqs) {
          x.level(-constant);
        } else {
          x.upper(-constant);
        }
      }
    }
    Variable v = vars.computeIfAbsent(target, k -> variable(model, k));
    v.weight(1);
    Optimisation.Result r = max ? model.maximise() : model.minimise();
    if (!r.getState().isOptimal()) {
      throw new IllegalStateException(target + ": no optimum (" + r.getState() + ")");
    }
    return Math.round(r.getValue());
  }

  private Variable variable(ExpressionsBasedModel model, String key) {
    String label = seen.getOrDefault(key, "");
    Variable v = model.addVariable(key).integer(true).lower(BigDecimal.ZERO);
    if (label.equals(SUPPRESSED)) {
      v.lower(1).upper(threshold - 1);
    } else if (label.equals(DisclosureControl.HIDDEN)) {
      // 0, or at least the threshold: a binary switches between the two
      Variable on = model.addVariable(key + "?").binary();
      v.upper(10_000_000);
      model.addExpression(key + "<").set(v, 1).set(on, -10_000_000).upper(0);
      model.addExpression(key + ">").set(v, 1).set(on, -threshold).lower(0);
    }
    return v;
  }
}
