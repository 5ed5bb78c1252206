package org.victimmonitor.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * One Poisson log-linear model (main effects of every list plus the given two-list interactions)
 * set up on one overlap table. Consumes the table and the interactions; produces the estimability
 * verdict ({@link #check()}) and the fit ({@link #fit()}).
 *
 * <p>An interaction between two lists that share nobody would have its maximum-likelihood value at
 * minus infinity. As in SparseMSE, such a term is not given a column: the cells containing both
 * lists are removed from the fit (their expected count is zero) and the remaining parameters are
 * estimated on the other cells.
 */
final class LogLinearModel {

  private final OverlapTable table;
  private final List<Interaction> interactions;
  private final List<Interaction> emptyOverlaps = new ArrayList<>();
  private final List<Interaction> fittedInteractions = new ArrayList<>();
  private final int[] cells;
  private final double[][] design;
  private final double[] counts;

  LogLinearModel(OverlapTable table, List<Interaction> interactions) {
    this.table = table;
    this.interactions = List.copyOf(interactions);
    for (Interaction i : interactions) {
      (table.overlap(i.first(), i.second()) == 0 ? emptyOverlaps : fittedInteractions).add(i);
    }
    int m = table.listCount();
    List<Integer> kept = new ArrayList<>();
    for (int p = 1; p <= table.patternCount(); p++) {
      boolean structuralZero = false;
      for (Interaction i : emptyOverlaps) {
        structuralZero |= (p & i.mask()) == i.mask();
      }
      if (!structuralZero) {
        kept.add(p);
      }
    }
    cells = kept.stream().mapToInt(Integer::intValue).toArray();
    int columns = 1 + m + fittedInteractions.size();
    design = new double[cells.length][columns];
    counts = new double[cells.length];
    for (int c = 0; c < cells.length; c++) {
      int p = cells[c];
      double[] row = design[c];
      row[0] = 1;
      for (int j = 0; j < m; j++) {
        row[1 + j] = p >> j & 1;
      }
      for (int k = 0; k < fittedInteractions.size(); k++) {
        int mask = fittedInteractions.get(k).mask();
        row[1 + m + k] = (p & mask) == mask ? 1 : 0;
      }
      counts[c] = table.count(p);
    }
  }

  ExistenceCheck.Outcome check() {
    return ExistenceCheck.check(design, counts);
  }

  /** Fits without checking first; call {@link #check()} unless the model is known to be fine. */
  ModelFit fit() {
    PoissonIrls.Result r = PoissonIrls.fit(design, counts);
    double se = r.covariance() == null ? Double.NaN : Math.sqrt(r.covariance()[0][0]);
    if (!r.converged() || !Double.isFinite(r.beta()[0]) || !Double.isFinite(se)) {
      throw new NoEstimateException(
          table.source()
              + ": the model "
              + describe()
              + " did not converge on this table; its estimate would be meaningless."
              + " Try the main-effects model, or merge sparse lists");
    }
    double[] fitted = new double[table.patternCount() + 1];
    for (int c = 0; c < cells.length; c++) {
      fitted[cells[c]] = r.fitted()[c];
    }
    return new ModelFit(
        table,
        interactions,
        List.copyOf(emptyOverlaps),
        r.beta()[0],
        se,
        r.logLikelihood(),
        design[0].length + emptyOverlaps.size(),
        fitted);
  }

  /** "main effects + A:E, B:C" for messages. */
  String describe() {
    if (interactions.isEmpty()) {
      return "main effects";
    }
    return "main effects + "
        + String.join(", ", interactions.stream().map(i -> i.name(table.lists())).toList());
  }
}
