package org.victimmonitor.estimate;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Entry point of the estimation library: estimates the total population behind an overlap table by
 * Poisson log-linear models, after SparseMSE (Chan, Silverman and Vincent 2021). Consumes a
 * validated {@link OverlapTable} and the model-choice settings; produces a {@link
 * PopulationEstimate} with a 95% interval, lognormal by default or by parametric bootstrap.
 */
public final class MultipleSystemsEstimation {

  public static final double DEFAULT_THRESHOLD = 0.02;
  public static final double LEVEL = 0.95;

  private MultipleSystemsEstimation() {}

  /** Chooses and fits the model; the interval is lognormal on the unobserved count. */
  public static PopulationEstimate estimate(
      OverlapTable table, SelectionMethod method, double threshold) {
    checkThreshold(threshold);
    ModelFit fit = ModelSelection.select(table, method, threshold);
    ModelFit.Interval interval = fit.interval(LEVEL);
    return new PopulationEstimate(fit, method, threshold, interval.lower(), interval.upper(), null);
  }

  /**
   * As {@link #estimate}, but the interval is the percentile interval of a parametric bootstrap
   * that chooses the model again on every replicate.
   *
   * @param progress told the number of finished replicates after each one (from any thread)
   */
  public static PopulationEstimate estimateWithBootstrap(
      OverlapTable table,
      SelectionMethod method,
      double threshold,
      int replicates,
      long seed,
      IntConsumer progress) {
    checkThreshold(threshold);
    checkReplicates(replicates);
    ModelFit fit = ModelSelection.select(table, method, threshold);
    return bootstrapped(
        fit,
        method,
        threshold,
        t -> ModelSelection.select(t, method, threshold),
        replicates,
        seed,
        progress);
  }

  /**
   * Fits the model with exactly the named interactions (e.g. "police:kmar"), no search; the
   * interval is lognormal, or with {@code replicates > 0} a parametric bootstrap that refits the
   * same model on each replicate.
   *
   * @throws org.victimmonitor.common.BadInputException when a name is not two of the table's lists
   * @throws NoEstimateException when that model has no estimate on the table
   */
  public static PopulationEstimate estimateGiven(
      OverlapTable table,
      List<String> interactions,
      int replicates,
      long seed,
      IntConsumer progress) {
    List<Interaction> terms = Interaction.parse(table.source(), interactions, table.lists());
    ModelFit fit = ModelSelection.given(table, terms);
    if (replicates <= 0) {
      ModelFit.Interval interval = fit.interval(LEVEL);
      return new PopulationEstimate(
          fit, SelectionMethod.GIVEN, 0, interval.lower(), interval.upper(), null);
    }
    checkReplicates(replicates);
    return bootstrapped(
        fit,
        SelectionMethod.GIVEN,
        0,
        t -> ModelSelection.given(t, terms),
        replicates,
        seed,
        progress);
  }

  /** The estimate of {@code fit} with the bootstrap interval of refitting by {@code choose}. */
  private static PopulationEstimate bootstrapped(
      ModelFit fit,
      SelectionMethod method,
      double threshold,
      Function<OverlapTable, ModelFit> choose,
      int replicates,
      long seed,
      IntConsumer progress) {
    ParametricBootstrap.Result boot =
        ParametricBootstrap.run(fit, choose, replicates, seed, LEVEL, progress);
    return new PopulationEstimate(
        fit,
        method,
        threshold,
        boot.lower(),
        boot.upper(),
        new PopulationEstimate.Bootstrap(replicates, boot.failed(), seed));
  }

  private static void checkReplicates(int replicates) {
    if (replicates < 10) {
      throw new IllegalArgumentException("need at least 10 bootstrap replicates");
    }
  }

  private static void checkThreshold(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be between 0 and 1");
    }
  }
}
