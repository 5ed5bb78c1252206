package org.victimmonitor.estimate;

import org.apache.commons.math3.special.Gamma;

/**
 * Tails of the Poisson distribution on the log scale, for {@code X ~ Poisson(mean)}. The stepwise
 * search ranks candidate interactions by these p-values, and on large tables several are far below
 * 1e-16, where {@code 1 - cdf} is zero and the ranking would be arbitrary.
 */
final class PoissonTail {

  private PoissonTail() {}

  /**
   * The one-sided p-value in the direction of the observation: {@code log P(X >= k)} when {@code k}
   * exceeds the mean, {@code log P(X <= k)} when it falls short. Lists that share fewer people than
   * the model expects are as much a sign of dependence as lists that share more.
   */
  static double logOneSided(long k, double mean) {
    return k > mean ? logUpper(k, mean) : logLower(k, mean);
  }

  /** {@code log P(X >= k)}. */
  static double logUpper(long k, double mean) {
    if (k <= 0) {
      return 0;
    }
    if (mean <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (k <= mean) {
      // Not a small probability: the regularised gamma function is accurate here.
      return Math.log(Gamma.regularizedGammaP(k, mean));
    }
    // P(X >= k) = P(X = k) * sum_j mean^j k! / (k + j)!, a series with ratio below one.
    double sum = 1;
    double term = 1;
    for (long j = 1; j < 10_000_000; j++) {
      term *= mean / (k + j);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return logPmf(k, mean) + Math.log(sum);
  }

  /** {@code log P(X <= k)}. */
  static double logLower(long k, double mean) {
    if (k < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (mean <= 0) {
      return 0;
    }
    if (k >= mean) {
      return Math.log(Gamma.regularizedGammaQ(k + 1.0, mean));
    }
    // P(X <= k) = P(X = k) * sum_j k! / ((k - j)! mean^j), finite, with ratio below one.
    double sum = 1;
    double term = 1;
    for (long j = 1; j <= k; j++) {
      term *= (k - j + 1) / mean;
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return logPmf(k, mean) + Math.log(sum);
  }

  private static double logPmf(long k, double mean) {
    return -mean + k * Math.log(mean) - Gamma.logGamma(k + 1.0);
  }
}
