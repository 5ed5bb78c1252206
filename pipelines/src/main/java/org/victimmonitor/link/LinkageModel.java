package org.victimmonitor.link;

import java.io.Serializable;
import java.util.List;

/**
 * A fitted Fellegi–Sunter model: for every field and level the probability {@code m} of that level
 * among true matches and {@code u} among non-matches, the prior share {@code lambda} of matches
 * among the candidate pairs, and the threshold on the posterior match probability above which a
 * pair is linked. The missing level (0) has no m or u: it leaves the weight unchanged.
 *
 * @param fields field names, as in {@link Comparisons}
 * @param levels level names per field
 * @param m per field and level, P(level | match); level 0 is unused
 * @param u per field and level, P(level | non-match); level 0 is unused
 * @param iterations EM iterations run
 * @param converged whether EM stopped by convergence rather than the iteration limit
 * @param meanFrequency per field, the mean term frequency of its values over the records (how many
 *     records share a record's value, on average), for term-frequency adjustment of the exact
 *     level; 0 for fields without it
 */
public record LinkageModel(
    List<String> fields,
    List<List<String>> levels,
    double[][] m,
    double[][] u,
    double lambda,
    double threshold,
    int iterations,
    boolean converged,
    long pairs,
    double[] meanFrequency)
    implements Serializable {

  public LinkageModel(
      List<String> fields,
      List<List<String>> levels,
      double[][] m,
      double[][] u,
      double lambda,
      double threshold,
      int iterations,
      boolean converged,
      long pairs) {
    this(
        fields,
        levels,
        m,
        u,
        lambda,
        threshold,
        iterations,
        converged,
        pairs,
        new double[fields.size()]);
  }

  /** Documented default: link a pair when its posterior match probability is at least this. */
  public static final double DEFAULT_THRESHOLD = 0.9;

  /** Match weight of one field level: {@code log2(m/u)}; 0 for the missing level. */
  public double weight(int field, int level) {
    if (level == Comparison.MISSING) {
      return 0;
    }
    return log2(m[field][level] / u[field][level]);
  }

  /** Prior weight {@code log2(lambda / (1 - lambda))}. */
  public double priorWeight() {
    return log2(lambda / (1 - lambda));
  }

  /** Total match weight of a pair's levels: the prior weight plus each field's weight. */
  public double matchWeight(int[] levels) {
    double w = priorWeight();
    for (int f = 0; f < levels.length; f++) {
      w += weight(f, levels[f]);
    }
    return w;
  }

  /**
   * Match weight with term-frequency adjustment: for a field at its exact level whose pair has a
   * value frequency {@code f > 0} (see {@link Comparisons#frequencies}), the weight moves by {@code
   * log2(mean frequency / f)}: agreeing on a value shared by many records says less than the
   * field's average agreement, agreeing on a rare value more (as in Splink's term-frequency
   * adjustment, with the frequency of the keyed filter standing in for the value).
   */
  public double matchWeight(int[] levels, int[] frequencies) {
    double w = matchWeight(levels);
    for (int f = 0; f < frequencies.length && f < levels.length; f++) {
      if (levels[f] == 1 && frequencies[f] > 0 && meanFrequency[f] > 0) {
        w += log2(meanFrequency[f] / frequencies[f]);
      }
    }
    return w;
  }

  /** Same model with the mean term frequency of each field. */
  public LinkageModel withMeanFrequency(double[] mean) {
    return new LinkageModel(
        fields, levels, m, u, lambda, threshold, iterations, converged, pairs, mean.clone());
  }

  /** Posterior probability that a pair with these levels is a match. */
  public double probability(int[] levels) {
    return probabilityOfWeight(matchWeight(levels));
  }

  public static double probabilityOfWeight(double weight) {
    double odds = Math.pow(2, weight);
    return Double.isInfinite(odds) ? 1.0 : odds / (1 + odds);
  }

  /** Same model with another threshold. */
  public LinkageModel withThreshold(double p) {
    return new LinkageModel(
        fields, levels, m, u, lambda, p, iterations, converged, pairs, meanFrequency);
  }

  /** The number of fields. */
  public int size() {
    return fields.size();
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
