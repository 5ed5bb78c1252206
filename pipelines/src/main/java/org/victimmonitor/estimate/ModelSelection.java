package org.victimmonitor.estimate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the two-list interactions of the log-linear model for one overlap table and returns the
 * fitted model. Consumes a validated {@link OverlapTable}, a {@link SelectionMethod} and the
 * stepwise p-value threshold; produces a {@link ModelFit} whose estimate exists and is
 * identifiable, or throws {@link NoEstimateException} when even the main-effects model has none.
 */
final class ModelSelection {

  /** Beyond this many candidate interactions BIC is searched forward instead of exhaustively. */
  private static final int EXHAUSTIVE_MAX_INTERACTIONS = 10;

  private ModelSelection() {}

  static ModelFit select(OverlapTable table, SelectionMethod method, double threshold) {
    return switch (method) {
      case MAIN -> mainEffects(table);
      case STEPWISE -> stepwise(table, threshold);
      case BIC -> bic(table);
      case GIVEN -> throw new IllegalArgumentException("a given model needs its interactions");
    };
  }

  /** The model with exactly these interactions, when its estimate exists and is identifiable. */
  static ModelFit given(OverlapTable table, List<Interaction> terms) {
    LogLinearModel model = new LogLinearModel(table, terms);
    ExistenceCheck.Outcome outcome = model.check();
    if (outcome != ExistenceCheck.Outcome.OK) {
      throw new NoEstimateException(
          table.source()
              + ": the model "
              + model.describe()
              + " has no "
              + (outcome == ExistenceCheck.Outcome.NOT_IDENTIFIABLE ? "identifiable " : "")
              + "estimate on this table; leave out an interaction, or let --method choose");
    }
    return model.fit();
  }

  static ModelFit mainEffects(OverlapTable table) {
    LogLinearModel model = new LogLinearModel(table, List.of());
    ExistenceCheck.Outcome outcome = model.check();
    if (outcome != ExistenceCheck.Outcome.OK) {
      throw new NoEstimateException(
          table.source()
              + ": even the main-effects model has no "
              + (outcome == ExistenceCheck.Outcome.NOT_IDENTIFIABLE ? "identifiable " : "")
              + "estimate on this table (the observed counts fit a population with nobody"
              + " missing, or the lists are too sparse); merge small lists or check the linkage");
    }
    return model.fit();
  }

  /**
   * SparseMSE's stepwise search. For each interaction not yet in the model, the people on both
   * lists (whatever other lists they are on) are Poisson under the current model; the one-sided
   * p-value is the chance of a count at least as far from the expected one, in the direction
   * observed. Candidates are tried from the smallest p-value while it is below the threshold; the
   * first whose enlarged model passes the existence and identifiability checks is added, and the
   * search repeats.
   */
  static ModelFit stepwise(OverlapTable table, double threshold) {
    ModelFit current = mainEffects(table);
    double logThreshold = Math.log(threshold);
    while (true) {
      ModelFit next = null;
      for (Candidate c : rankCandidates(current)) {
        if (c.logP >= logThreshold) {
          break;
        }
        List<Interaction> terms = new ArrayList<>(current.interactions());
        terms.add(c.interaction);
        next = fitIfEstimable(table, terms);
        if (next != null) {
          break;
        }
      }
      if (next == null) {
        return current;
      }
      current = next;
    }
  }

  private record Candidate(Interaction interaction, double logP) {}

  private static List<Candidate> rankCandidates(ModelFit fit) {
    OverlapTable table = fit.table();
    List<Candidate> candidates = new ArrayList<>();
    for (Interaction i : allInteractions(table.listCount())) {
      if (fit.interactions().contains(i)) {
        continue;
      }
      double expected = 0;
      for (int p = 1; p <= table.patternCount(); p++) {
        if ((p & i.mask()) == i.mask()) {
          expected += fit.fittedAt(p);
        }
      }
      long observed = table.overlap(i.first(), i.second());
      candidates.add(new Candidate(i, PoissonTail.logOneSided(observed, expected)));
    }
    candidates.sort(
        Comparator.comparingDouble(Candidate::logP).thenComparing(Candidate::interaction));
    return candidates;
  }

  /**
   * Lowest BIC among models with an estimate. Every subset of interactions is tried when there are
   * at most {@value #EXHAUSTIVE_MAX_INTERACTIONS} of them (five lists); with more lists the 2^28
   * subsets of eight lists are out of reach, so interactions are added one at a time while that
   * lowers the BIC.
   */
  static ModelFit bic(OverlapTable table) {
    List<Interaction> all = allInteractions(table.listCount());
    ModelFit best = mainEffects(table);
    if (all.size() <= EXHAUSTIVE_MAX_INTERACTIONS) {
      for (int subset = 1; subset < 1 << all.size(); subset++) {
        List<Interaction> terms = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
          if ((subset >> k & 1) == 1) {
            terms.add(all.get(k));
          }
        }
        ModelFit fit = fitIfEstimable(table, terms);
        if (fit != null && fit.bic() < best.bic()) {
          best = fit;
        }
      }
      return best;
    }
    while (true) {
      ModelFit step = null;
      for (Interaction i : all) {
        if (best.interactions().contains(i)) {
          continue;
        }
        List<Interaction> terms = new ArrayList<>(best.interactions());
        terms.add(i);
        ModelFit fit = fitIfEstimable(table, terms);
        if (fit != null && fit.bic() < (step == null ? best.bic() : step.bic())) {
          step = fit;
        }
      }
      if (step == null) {
        return best;
      }
      best = step;
    }
  }

  private static ModelFit fitIfEstimable(OverlapTable table, List<Interaction> terms) {
    LogLinearModel model = new LogLinearModel(table, terms);
    if (model.check() != ExistenceCheck.Outcome.OK) {
      return null;
    }
    try {
      return model.fit();
    } catch (NoEstimateException e) {
      return null;
    }
  }

  static List<Interaction> allInteractions(int lists) {
    List<Interaction> all = new ArrayList<>();
    for (int i = 0; i < lists; i++) {
      for (int j = i + 1; j < lists; j++) {
        all.add(new Interaction(i, j));
      }
    }
    return all;
  }
}
