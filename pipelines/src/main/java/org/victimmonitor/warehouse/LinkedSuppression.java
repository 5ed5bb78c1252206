package org.victimmonitor.warehouse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Suppression audited in whole numbers, for one table's lines ({@link DisclosureControl}) or for
 * several tables that count the same persons ({@link MonitorTables#linkedProblem}). Each table is
 * protected against its own lines by {@link CellSuppression}, a graph analysis that prevents a line
 * with a single hidden cell; a reader who also uses what the labels say (`<10` is 1 to threshold -
 * 1) and that counts are whole numbers can still pin cells (X + unknown = 2 with both `<10`), and a
 * reader holding two tables also has the equations between them (a source's persons in m01 is the
 * sum of the m09 combinations holding it; m02 and m03 count the same persons by sex).
 *
 * <p>This audit takes the true equations (a total that is the sum of its line) and inequalities (a
 * total of unique persons: at most the sum, at least each cell) between the cells, and bounds each
 * primary suppressed cell by linear programming from the shown cells and the labels ({@code <10} is
 * 1 to threshold - 1, {@code x} is 0 or at least the threshold); when the bounds hold two or more
 * whole numbers, branch and bound looks for a whole-number solution with another value. While some
 * primary cell has a single possible value, one more shown cell of a constraint near it is hidden
 * (the smallest count, totals last) and the cell is audited again. The constraints hold on the true
 * counts, so nothing here can contradict what is published.
 */
final class LinkedSuppression {
  private LinkedSuppression() {}

  /** A cell of one of the linked tables: the table's position in the year's list, row, column. */
  record Ref(int table, int row, int column) {}

  /** The cells and equations of one audit. */
  static final class Problem {
    final Map<Ref, Integer> index = new LinkedHashMap<>();
    final List<Long> values = new ArrayList<>();
    final List<Map<Integer, Integer>> equations = new ArrayList<>();

    /** Σ coefficient × cell ≤ 0: what a reader knows of a total that is not a sum. */
    final List<Map<Integer, Integer>> atMost = new ArrayList<>();

    /** Totals, hidden only after the interior cells. */
    final Map<Integer, Boolean> total = new HashMap<>();

    /** Cells the audit may not hide (another table's headline figures, e.g. m01's). */
    final java.util.Set<Integer> fixed = new java.util.HashSet<>();

    /**
     * Cells the audit hides only when no other cell would do, by tier (1 before 2): m01's row of
     * the report year, its reports before its persons.
     */
    final Map<Integer, Integer> lastResort = new HashMap<>();

    /** Lets the audit hide a fixed cell when nothing else protects a cell linked to it. */
    void lastResort(Ref r, int tier) {
      Integer i = index.get(r);
      if (i != null) {
        fixed.remove(i);
        lastResort.put(i, tier);
      }
    }

    int cell(Ref r, long value, boolean isTotal) {
      Integer i = index.get(r);
      if (i == null) {
        i = values.size();
        index.put(r, i);
        values.add(value);
        total.put(i, isTotal);
      }
      return i;
    }

    /** A cell that takes part in the equations but is never hidden by the audit. */
    int fixedCell(Ref r, long value) {
      int i = cell(r, value, true);
      fixed.add(i);
      return i;
    }

    /** Σ plus − Σ minus = 0. */
    void equation(Collection<Integer> plus, Collection<Integer> minus) {
      Map<Integer, Integer> e = terms(plus, minus);
      if (!e.isEmpty()) {
        equations.add(e);
      }
    }

    /** Σ plus − Σ minus ≤ 0. */
    void atMost(Collection<Integer> plus, Collection<Integer> minus) {
      Map<Integer, Integer> e = terms(plus, minus);
      if (!e.isEmpty()) {
        atMost.add(e);
      }
    }

    /**
     * What a line of a table tells: the total is the sum of the cells when it is, on the true
     * counts; otherwise (unique persons over overlapping groups) at most their sum and at least
     * each of them.
     */
    void line(List<Integer> cells, int total) {
      if (cells.isEmpty()) {
        return;
      }
      long sum = cells.stream().mapToLong(values::get).sum();
      long t = values.get(total);
      if (sum == t) {
        equation(cells, List.of(total));
      } else if (t < sum && cells.stream().allMatch(c -> values.get(c) <= t)) {
        atMost(List.of(total), cells);
        cells.forEach(c -> atMost(List.of(c), List.of(total)));
      }
    }

    private static Map<Integer, Integer> terms(
        Collection<Integer> plus, Collection<Integer> minus) {
      Map<Integer, Integer> e = new HashMap<>();
      plus.forEach(c -> e.merge(c, 1, Integer::sum));
      minus.forEach(c -> e.merge(c, -1, Integer::sum));
      e.values().removeIf(v -> v == 0);
      return e;
    }
  }

  /** What the reader sees of a cell. */
  enum Seen {
    SHOWN,
    PRIMARY,
    HIDDEN
  }

  /**
   * Audits {@code p} on the cells of {@code tables} (mutable rows) and hides cells until no primary
   * cell is determined. Returns the cells it hid.
   *
   * <p>Hiding a cell only widens what the reader can infer, so a primary cell found safe stays
   * safe: the primary cells are audited once each, in order, and a cell is hidden next to the one
   * being audited until it is safe. The result of a group of linked cells therefore depends on that
   * group only, whatever else the tables hold (a cohort row of m08 hides the same cells every
   * year).
   */
  static List<Ref> protect(Problem p, List<List<List<String>>> tables, DisclosureRules rules) {
    List<Ref> refs = new ArrayList<>(p.index.keySet());
    List<Ref> added = new ArrayList<>();
    if (rules.threshold() <= 2) {
      return added; // the label itself says 1: nothing to keep undetermined
    }
    Seen[] seen = seen(p, tables, rules);
    for (int k = 0; k < seen.length; k++) {
      if (seen[k] != Seen.PRIMARY) {
        continue;
      }
      while (known(p, seen, rules, k)) {
        // a cell of use, else any candidate (it may open the way to one), and only then the
        // last-resort cells in the same order
        int pick = -1;
        int tiers = p.lastResort.values().stream().mapToInt(t -> t).max().orElse(0);
        for (int tier = 0; tier <= tiers && pick < 0; tier++) {
          int[] found = pick(p, seen, rules, k, tier);
          pick = found[0] >= 0 ? found[0] : found[1];
        }
        if (pick < 0) {
          // every cell it is linked to is hidden already: what is left to know comes from the
          // labels and the table's shape (tiny tables where all counts are small), not from a cell
          break;
        }
        seen[pick] = Seen.HIDDEN;
        Ref r = refs.get(pick);
        tables.get(r.table()).get(r.row()).set(r.column(), DisclosureControl.HIDDEN);
        added.add(r);
      }
    }
    return added;
  }

  /**
   * The shown cell to hide for primary cell {@code determined}: from the nearest constraints
   * (through hidden cells) that hold shown cells, in order of preference, leaving out those whose
   * value the rest would give back anyway. Returns that cell and the first candidate at all (the
   * fallback when none is of use), each -1 when there is none; last-resort cells up to {@code tier}
   * only.
   */
  private static int[] pick(
      Problem p, Seen[] seen, DisclosureRules rules, int determined, int tier) {
    int fallback = -1;
    java.util.Set<Integer> reached = new java.util.HashSet<>(List.of(determined));
    List<Integer> layer = List.of(determined);
    List<Map<Integer, Integer>> all = new ArrayList<>(p.equations);
    all.addAll(p.atMost);
    while (!layer.isEmpty()) {
      List<Integer> next = new ArrayList<>();
      List<Integer> candidates = new ArrayList<>();
      for (Map<Integer, Integer> e : all) {
        if (layer.stream().noneMatch(e::containsKey)) {
          continue;
        }
        for (int c : e.keySet()) {
          if (seen[c] == Seen.SHOWN) {
            if (!p.fixed.contains(c)
                && p.lastResort.getOrDefault(c, 0) <= tier
                && !candidates.contains(c)) {
              candidates.add(c);
            }
          } else if (reached.add(c)) {
            next.add(c);
          }
        }
      }
      candidates.sort((a, b) -> preferred(p, a, b) ? -1 : preferred(p, b, a) ? 1 : 0);
      for (int c : candidates) {
        if (fallback < 0) {
          fallback = c;
        }
        seen[c] = Seen.HIDDEN;
        boolean useless = p.values.get(c) == 0 || known(p, seen, rules, c);
        seen[c] = Seen.SHOWN;
        if (!useless) {
          return new int[] {c, fallback};
        }
      }
      layer = next;
    }
    return new int[] {-1, fallback};
  }

  /** What the reader sees of each cell of {@code p}, in the problem's order. */
  static Seen[] seen(Problem p, List<List<List<String>>> tables, DisclosureRules rules) {
    Seen[] seen = new Seen[p.index.size()];
    int i = 0;
    for (Ref r : p.index.keySet()) {
      String v = tables.get(r.table()).get(r.row()).get(r.column());
      seen[i++] =
          v.equals(rules.suppressedLabel())
              ? Seen.PRIMARY
              : v.matches("\\d+") ? Seen.SHOWN : Seen.HIDDEN;
    }
    return seen;
  }

  private static boolean preferred(Problem p, int c, int best) {
    boolean ct = p.total.get(c);
    boolean bt = p.total.get(best);
    if (ct != bt) {
      return !ct;
    }
    long cv = p.values.get(c);
    long bv = p.values.get(best);
    if ((cv == 0) != (bv == 0)) {
      return cv != 0;
    }
    return cv < bv;
  }

  /** The first primary cell whose value the shown cells and the equations fix, or null. */
  static Integer firstDetermined(Problem p, Seen[] seen, DisclosureRules rules) {
    if (rules.threshold() <= 2) {
      return null; // the label itself says 1: nothing to keep undetermined
    }
    for (int k = 0; k < seen.length; k++) {
      if (seen[k] == Seen.PRIMARY && known(p, seen, rules, k)) {
        return k;
      }
    }
    return null;
  }

  /**
   * Whether the reader can work out cell {@code k}: a single whole number is possible for it under
   * the equations, the inequalities, the shown cells and the labels.
   *
   * <p>A hidden 'x' is 0 or at least the threshold (a smaller count would read {@code <10}): the
   * audit assumes the reader even knows which, so an 'x' of 0 counts as shown and any other as at
   * least the threshold. Knowing more than a reader does can only hide more.
   *
   * <p>Only the constraints connected to {@code k} through unknown cells take part. Linear
   * programming bounds the cell; when the bounds hold two or more whole numbers, a search over
   * whole numbers (branch and bound) looks for a solution with another value than the true one,
   * since whole counts can pin a cell that real numbers leave free (X + Y = 2 with both at least
   * 1).
   */
  static boolean known(Problem p, Seen[] seen, DisclosureRules rules, int k) {
    boolean[] unknown = new boolean[seen.length];
    for (int i = 0; i < seen.length; i++) {
      unknown[i] = seen[i] == Seen.PRIMARY || (seen[i] == Seen.HIDDEN && p.values.get(i) != 0);
    }
    if (!unknown[k]) {
      return true;
    }
    // the unknown cells linked to k, and the constraints that hold them
    List<Map<Integer, Integer>> eqs = new ArrayList<>();
    List<Map<Integer, Integer>> les = new ArrayList<>();
    Map<Integer, Integer> pos = new LinkedHashMap<>();
    pos.put(k, 0);
    java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(k));
    java.util.Set<Constraint> used = new java.util.HashSet<>();
    Map<Integer, List<Constraint>> holding = holding(p);
    while (!queue.isEmpty()) {
      int c = queue.poll();
      for (Constraint e : holding.getOrDefault(c, List.of())) {
        if (!used.add(e)) {
          continue;
        }
        (e.equation() ? eqs : les).add(e.terms());
        for (int d : e.terms().keySet()) {
          if (unknown[d] && !pos.containsKey(d)) {
            pos.put(d, pos.size());
            queue.add(d);
          }
        }
      }
    }
    int n = pos.size();
    List<LinearConstraint> constraints = new ArrayList<>();
    for (List<Map<Integer, Integer>> group : List.of(eqs, les)) {
      for (Map<Integer, Integer> e : group) {
        double[] a = new double[n];
        double rhs = 0;
        for (Map.Entry<Integer, Integer> t : e.entrySet()) {
          Integer u = pos.get(t.getKey());
          if (u != null) {
            a[u] += t.getValue();
          } else {
            rhs -= t.getValue() * p.values.get(t.getKey());
          }
        }
        constraints.add(
            new LinearConstraint(a, group == eqs ? Relationship.EQ : Relationship.LEQ, rhs));
      }
    }
    for (Map.Entry<Integer, Integer> u : pos.entrySet()) {
      double[] a = new double[n];
      a[u.getValue()] = 1;
      if (seen[u.getKey()] == Seen.PRIMARY) {
        constraints.add(new LinearConstraint(a, Relationship.GEQ, 1));
        constraints.add(new LinearConstraint(a.clone(), Relationship.LEQ, rules.threshold() - 1));
      } else {
        constraints.add(new LinearConstraint(a, Relationship.GEQ, rules.threshold()));
      }
    }
    double[] objective = new double[n];
    objective[0] = 1;
    long low = (long) Math.ceil(optimum(objective, constraints, GoalType.MINIMIZE) - 1e-6);
    double h = optimum(objective, constraints, GoalType.MAXIMIZE);
    long high = Double.isInfinite(h) ? Long.MAX_VALUE : (long) Math.floor(h + 1e-6);
    if (low >= high) {
      return true;
    }
    long value = p.values.get(k);
    double[] unit = new double[n];
    unit[0] = 1;
    return !(value > low
            && wholeSolution(
                constraints, new LinearConstraint(unit, Relationship.LEQ, value - 1), n))
        && !(value < high
            && wholeSolution(
                constraints, new LinearConstraint(unit.clone(), Relationship.GEQ, value + 1), n));
  }

  /** An equation (Σ = 0) or an inequality (Σ ≤ 0) of the problem. */
  private record Constraint(Map<Integer, Integer> terms, boolean equation) {}

  /** Constraints by the cells they hold. */
  private static Map<Integer, List<Constraint>> holding(Problem p) {
    Map<Integer, List<Constraint>> out = new HashMap<>();
    for (List<Map<Integer, Integer>> group : List.of(p.equations, p.atMost)) {
      for (Map<Integer, Integer> e : group) {
        Constraint con = new Constraint(e, group == p.equations);
        for (int c : e.keySet()) {
          out.computeIfAbsent(c, x -> new ArrayList<>()).add(con);
        }
      }
    }
    return out;
  }

  /** Nodes a search may visit before giving up; giving up counts as "no other value". */
  static final int SEARCH_NODES = 2_000;

  /**
   * Whether the constraints with {@code extra} have a solution in whole numbers: depth-first branch
   * and bound on the first fractional variable of each relaxation's optimum.
   */
  private static boolean wholeSolution(
      List<LinearConstraint> constraints, LinearConstraint extra, int n) {
    java.util.ArrayDeque<List<LinearConstraint>> stack = new java.util.ArrayDeque<>();
    stack.push(List.of(extra));
    int nodes = 0;
    while (!stack.isEmpty() && nodes++ < SEARCH_NODES) {
      List<LinearConstraint> branch = stack.pop();
      List<LinearConstraint> all = new ArrayList<>(constraints);
      all.addAll(branch);
      double[] x = solution(all, n);
      if (x == null) {
        continue;
      }
      int f = -1;
      for (int i = 0; i < n && f < 0; i++) {
        if (Math.abs(x[i] - Math.rint(x[i])) > 1e-6) {
          f = i;
        }
      }
      if (f < 0) {
        return true;
      }
      double[] a = new double[n];
      a[f] = 1;
      List<LinearConstraint> down = new ArrayList<>(branch);
      down.add(new LinearConstraint(a, Relationship.LEQ, Math.floor(x[f])));
      List<LinearConstraint> up = new ArrayList<>(branch);
      up.add(new LinearConstraint(a.clone(), Relationship.GEQ, Math.ceil(x[f])));
      stack.push(up);
      stack.push(down);
    }
    return false;
  }

  /** A vertex of the constraints (the smallest sum of the cells), or null when there is none. */
  private static double[] solution(List<LinearConstraint> constraints, int n) {
    double[] objective = new double[n];
    java.util.Arrays.fill(objective, 1);
    try {
      return new SimplexSolver()
          .optimize(
              new MaxIter(10_000),
              new LinearObjectiveFunction(objective, 0),
              new LinearConstraintSet(constraints),
              GoalType.MINIMIZE,
              new NonNegativeConstraint(true))
          .getPoint();
    } catch (NoFeasibleSolutionException
        | org.apache.commons.math3.exception.TooManyIterationsException e) {
      return null; // no solution found: the audit then assumes the reader can work the cell out
    }
  }

  private static double optimum(
      double[] objective, List<LinearConstraint> constraints, GoalType goal) {
    try {
      PointValuePair r =
          new SimplexSolver()
              .optimize(
                  new MaxIter(10_000),
                  new LinearObjectiveFunction(objective, 0),
                  new LinearConstraintSet(constraints),
                  goal,
                  new NonNegativeConstraint(true));
      return r.getValue();
    } catch (NoFeasibleSolutionException e) {
      throw new IllegalStateException("the linked tables' equations do not hold", e);
    } catch (org.apache.commons.math3.optim.linear.UnboundedSolutionException e) {
      return goal == GoalType.MAXIMIZE ? Double.POSITIVE_INFINITY : 0;
    }
  }
}
