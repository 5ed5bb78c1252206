package org.victimmonitor.estimate;

import java.util.List;

/**
 * The result of multiple systems estimation on one overlap table: the chosen model's fit, the point
 * estimate of the total population (observed plus unobserved) and a 95% interval for it.
 *
 * @param fit the selected model, fitted
 * @param method how the model was chosen
 * @param threshold the p-value threshold of the stepwise search (unused by the other methods)
 * @param lower lower bound of the interval for the total population
 * @param upper upper bound of the interval for the total population
 * @param bootstrap how the interval was obtained by bootstrap, or {@code null} when it is the
 *     lognormal interval of the fitted model
 */
public record PopulationEstimate(
    ModelFit fit,
    SelectionMethod method,
    double threshold,
    double lower,
    double upper,
    Bootstrap bootstrap) {

  public PopulationEstimate {
    // Callers print these numbers; a NaN here is a bug, not a result.
    if (!Double.isFinite(fit.total()) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
      throw new IllegalStateException("non-finite estimate");
    }
  }

  public List<String> lists() {
    return fit.table().lists();
  }

  public long observed() {
    return fit.observed();
  }

  /** Estimated total population, observed people included. */
  public double estimate() {
    return fit.total();
  }

  /** Estimated number of people on none of the lists. */
  public double unobserved() {
    return fit.unobserved();
  }

  /** The chosen two-list interactions, named like "A:E", in the order they were chosen. */
  public List<String> model() {
    return fit.interactionNames();
  }

  /** Interactions in the model between lists that share nobody (parameter minus infinity). */
  public List<String> emptyOverlaps() {
    return fit.emptyOverlaps().stream().map(i -> i.name(lists())).toList();
  }

  /**
   * How a bootstrap interval was made.
   *
   * @param replicates number of simulated tables
   * @param failed replicates on which no model had an estimate; they are left out of the interval
   * @param seed the seed that reproduces the replicates
   */
  public record Bootstrap(int replicates, int failed, long seed) {}
}
