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
    long pairs)
    implements Serializable {

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
    return new LinkageModel(fields, levels, m, u, lambda, p, iterations, converged, pairs);
  }

  /** The number of fields. */
  public int size() {
    return fields.size();
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
