package org.victimmonitor.estimate;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.victimmonitor.common.BadInputException;

/**
 * Parametric bootstrap of the total population with the model chosen afresh on every replicate.
 * Consumes a fitted model and the selection settings; simulates each observable cell as Poisson
 * with the model's fitted mean, reruns the selection and fit, and produces the percentile interval
 * of the replicate totals.
 *
 * <p>The lognormal interval takes the chosen model as given; re-selecting on each replicate lets
 * the interval widen by the uncertainty of the choice itself, which dominates on sparse tables.
 * Each replicate draws from its own generator seeded from (seed, replicate number), so the result
 * depends on the seed only, not on how many threads ran the replicates.
 */
final class ParametricBootstrap {

  /** Percentile interval of the successful replicates, and how many failed. */
  record Result(double lower, double upper, int failed) {}

  private ParametricBootstrap() {}

  static Result run(
      ModelFit fit,
      Function<OverlapTable, ModelFit> choose,
      int replicates,
      long seed,
      double level,
      IntConsumer progress) {
    OverlapTable table = fit.table();
    List<String> lists = table.lists();
    double[] fitted = fit.fitted();
    AtomicInteger done = new AtomicInteger();
    double[] totals =
        IntStream.range(0, replicates)
            .parallel()
            .mapToDouble(
                r -> {
                  double total = replicateTotal(lists, fitted, choose, seed, r);
                  progress.accept(done.incrementAndGet());
                  return total;
                })
            .toArray();
    double[] ok = Arrays.stream(totals).filter(Double::isFinite).sorted().toArray();
    int failed = replicates - ok.length;
    if (ok.length < 2) {
      throw new NoEstimateException(
          table.source()
              + ": the bootstrap found an estimate on "
              + ok.length
              + " of "
              + replicates
              + " simulated tables; the table is too sparse for a bootstrap interval");
    }
    double alpha = (1 - level) / 2;
    return new Result(quantile(ok, alpha), quantile(ok, 1 - alpha), failed);
  }

  /** The replicate's total, or NaN when no model has an estimate on it (counted as failed). */
  private static double replicateTotal(
      List<String> lists,
      double[] fitted,
      Function<OverlapTable, ModelFit> choose,
      long seed,
      int replicate) {
    RandomGenerator rng = new Well19937c(new int[] {(int) seed, (int) (seed >>> 32), replicate});
    long[] counts = new long[fitted.length];
    for (int p = 1; p < fitted.length; p++) {
      if (fitted[p] > 0) {
        counts[p] =
            new PoissonDistribution(
                    rng,
                    fitted[p],
                    PoissonDistribution.DEFAULT_EPSILON,
                    PoissonDistribution.DEFAULT_MAX_ITERATIONS)
                .sample();
      }
    }
    try {
      OverlapTable simulated = OverlapTable.of("bootstrap replicate " + replicate, lists, counts);
      return choose.apply(simulated).total();
    } catch (BadInputException e) {
      return Double.NaN;
    }
  }

  /** Linear interpolation between order statistics (R's default, type 7). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
