package org.victimmonitor.estimate;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A fitted Poisson log-linear model on an overlap table. Produces the estimate of the people on no
 * list ({@code exp} of the intercept), the total population, the lognormal interval and the
 * quantities used to choose between models.
 *
 * @param interactions the model's two-list terms, in the order they were added
 * @param emptyOverlaps the terms among {@code interactions} whose lists share nobody: their
 *     parameter is minus infinity, so the cells containing both lists are fixed at zero
 * @param logUnobserved the intercept, the log of the expected count on no list
 * @param logUnobservedSe its standard error, from the inverse Fisher information
 * @param logLikelihood Poisson log-likelihood at the estimate
 * @param parameters number of parameters, counting those fixed at minus infinity
 * @param fitted expected count for each capture pattern (index 0, the unobserved cell, is unused)
 */
public record ModelFit(
    OverlapTable table,
    List<Interaction> interactions,
    List<Interaction> emptyOverlaps,
    double logUnobserved,
    double logUnobservedSe,
    double logLikelihood,
    int parameters,
    double[] fitted) {

  public ModelFit {
    interactions = List.copyOf(interactions);
    emptyOverlaps = List.copyOf(emptyOverlaps);
    fitted = fitted.clone();
  }

  /** A copy: the record stays immutable. */
  @Override
  public double[] fitted() {
    return fitted.clone();
  }

  /** Expected count of one capture pattern, without copying the array. */
  double fittedAt(int pattern) {
    return fitted[pattern];
  }

  public long observed() {
    return table.observed();
  }

  public double unobserved() {
    return Math.exp(logUnobserved);
  }

  public double total() {
    return observed() + unobserved();
  }

  /**
   * Interval for the total: the observed count plus a lognormal interval for the unobserved count,
   * {@code exp(intercept -/+ z * se)}. This is how SparseMSE's {@code estimatepopulation.0} forms
   * its quantiles; it treats the observed count as known and the model as given.
   */
  public Interval interval(double level) {
    double z = new NormalDistribution().inverseCumulativeProbability(0.5 + level / 2);
    return new Interval(
        observed() + Math.exp(logUnobserved - z * logUnobservedSe),
        observed() + Math.exp(logUnobserved + z * logUnobservedSe));
  }

  /** Bayesian information criterion, with the observed number of people as sample size. */
  public double bic() {
    return -2 * logLikelihood + parameters * Math.log(observed());
  }

  public List<String> interactionNames() {
    return interactions.stream().map(i -> i.name(table.lists())).toList();
  }

  /** Lower and upper bound of an interval for the total population. */
  public record Interval(double lower, double upper) {}
}
