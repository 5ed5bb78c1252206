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
 * Suppression across tables that count the same persons. Each table is protected against its own
 * totals by {@link DisclosureControl}; a reader holding two tables also has the equations between
 * them (a source's persons in m01 is the sum of the m09 combinations holding that source; a group
 * of police units covers the same municipalities as a group of provinces). This joint audit takes
 * every true equation between the cells of the linked tables, and bounds each primary suppressed
 * cell by linear programming: from the shown cells, the equations, what a label says (`<10` is 1 to
 * threshold - 1, `x` is at least 0). While some primary cell has a single possible value, it hides
 * one more shown cell of an equation that holds it (the smallest count, totals last) and audits
 * again.
 *
 * <p>Exact recovery only: a cell narrowed to two or more whole numbers is left so. The linear
 * programme relaxes whole numbers to real ones; a range holding fewer than two whole numbers counts
 * as recovered. The equations are the tables' true sums, not the conservative ones {@link
 * DisclosureControl} assumes (m01's `all` is unique persons, no sum), so nothing here can
 * contradict what is published.
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

    /** Totals, hidden only after the interior cells. */
    final Map<Integer, Boolean> total = new HashMap<>();

    /** Cells the audit may not hide (another table's headline figures, e.g. m01's). */
    final java.util.Set<Integer> fixed = new java.util.HashSet<>();

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
      Map<Integer, Integer> e = new HashMap<>();
      plus.forEach(c -> e.merge(c, 1, Integer::sum));
      minus.forEach(c -> e.merge(c, -1, Integer::sum));
      e.values().removeIf(v -> v == 0);
      if (!e.isEmpty()) {
        equations.add(e);
      }
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
   * cell is determined. Returns the number of cells it hid.
   */
  static List<Ref> protect(Problem p, List<List<List<String>>> tables, DisclosureRules rules) {
    List<Ref> refs = new ArrayList<>(p.index.keySet());
    List<Ref> added = new ArrayList<>();
    while (true) {
      Seen[] seen = seen(p, tables, rules);
      Integer determined = firstDetermined(p, seen, rules);
      if (determined == null) {
        return added;
      }
      // the nearest equations (through hidden cells) that hold shown cells: their cells in order
      // of preference, leaving out those whose value the rest would give back anyway
      int pick = -1;
      int fallback = -1;
      java.util.Set<Integer> reached = new java.util.HashSet<>(List.of(determined));
      List<Integer> layer = List.of(determined);
      while (pick < 0 && !layer.isEmpty()) {
        List<Integer> next = new ArrayList<>();
        List<Integer> candidates = new ArrayList<>();
        for (Map<Integer, Integer> e : p.equations) {
          if (layer.stream().noneMatch(e::containsKey)) {
            continue;
          }
          for (int c : e.keySet()) {
            if (seen[c] == Seen.SHOWN) {
              if (!p.fixed.contains(c) && !candidates.contains(c)) {
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
            pick = c;
            break;
          }
        }
        layer = next;
      }
      if (pick < 0) {
        pick = fallback;
      }
      Ref r = refs.get(pick);
      tables.get(r.table()).get(r.row()).set(r.column(), DisclosureControl.HIDDEN);
      added.add(r);
    }
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
   * Whether the reader can work out cell {@code k}: fewer than two whole numbers between its
   * smallest and largest value under the equations, the shown cells and the labels.
   *
   * <p>A hidden 'x' is 0 or at least the threshold (a smaller count would read {@code <10}): the
   * audit assumes the reader even knows which, so an 'x' of 0 counts as shown and any other as at
   * least the threshold. Knowing more than a reader does can only hide more.
   */
  static boolean known(Problem p, Seen[] seen, DisclosureRules rules, int k) {
    List<Integer> unknown = new ArrayList<>();
    int[] pos = new int[seen.length];
    for (int i = 0; i < seen.length; i++) {
      pos[i] = -1;
      if (seen[i] == Seen.PRIMARY || (seen[i] == Seen.HIDDEN && p.values.get(i) != 0)) {
        pos[i] = unknown.size();
        unknown.add(i);
      }
    }
    if (pos[k] < 0) {
      return true;
    }
    List<LinearConstraint> constraints = new ArrayList<>();
    for (Map<Integer, Integer> e : p.equations) {
      double[] a = new double[unknown.size()];
      double rhs = 0;
      boolean any = false;
      for (Map.Entry<Integer, Integer> t : e.entrySet()) {
        int c = t.getKey();
        if (pos[c] >= 0) {
          a[pos[c]] += t.getValue();
          any = true;
        } else {
          rhs -= t.getValue() * p.values.get(c);
        }
      }
      if (any) {
        constraints.add(new LinearConstraint(a, Relationship.EQ, rhs));
      }
    }
    for (int u = 0; u < unknown.size(); u++) {
      double[] a = new double[unknown.size()];
      a[u] = 1;
      if (seen[unknown.get(u)] == Seen.PRIMARY) {
        constraints.add(new LinearConstraint(a, Relationship.GEQ, 1));
        constraints.add(new LinearConstraint(a.clone(), Relationship.LEQ, rules.threshold() - 1));
      } else {
        constraints.add(new LinearConstraint(a, Relationship.GEQ, rules.threshold()));
      }
    }
    double[] objective = new double[unknown.size()];
    objective[pos[k]] = 1;
    double low = optimum(objective, constraints, GoalType.MINIMIZE);
    double high = optimum(objective, constraints, GoalType.MAXIMIZE);
    return Math.ceil(low - 1e-6) >= Math.floor(high + 1e-6);
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
