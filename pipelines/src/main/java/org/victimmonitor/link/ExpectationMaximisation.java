package org.victimmonitor.link;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fits the m (and optionally u) probabilities of a {@link LinkageModel} by expectation maximisation
 * over comparison-pattern counts, under the Fellegi–Sunter assumption that fields are conditionally
 * independent given match status. The input is a fixed-size summary (one count per distinct
 * pattern), so fitting costs the same at any number of records.
 *
 * <p>u can be held fixed (Splink's way, with u from random pairs) or only started there and
 * estimated with m. The linkage job does the latter: blocking selects non-matches that are much
 * more alike than random pairs (same first name, near date of birth), so u from random pairs
 * understates how often non-matching candidates agree, and EM with u held fixed then explains those
 * agreements as matches (on synthetic data: pairwise precision 0.60 instead of 0.98).
 */
public final class ExpectationMaximisation {

  /** Smallest probability kept for any level, so that no weight is infinite. */
  static final double FLOOR = 1e-6;

  private final int[] levelCounts;
  private final int maxIterations;
  private final double tolerance;

  public ExpectationMaximisation(int[] levelCounts, int maxIterations, double tolerance) {
    this.levelCounts = levelCounts.clone();
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  public ExpectationMaximisation(int[] levelCounts) {
    this(levelCounts, 200, 1e-7);
  }

  /**
   * Fits the model.
   *
   * @param counts number of candidate pairs per comparison pattern
   * @param fixedU u per field and level (level 0 ignored), or null to estimate u as well
   * @param initialLambda starting share of matches among the pairs
   */
  public LinkageModel fit(
      Map<Long, Long> counts,
      double[][] fixedU,
      double initialLambda,
      List<String> fields,
      List<List<String>> levelNames,
      double threshold) {
    return fit(counts, fixedU, fixedU != null, initialLambda, fields, levelNames, threshold);
  }

  /**
   * Fits the model, starting u from {@code initialU} (or a default when null) and holding it fixed
   * only when {@code holdU}.
   */
  public LinkageModel fit(
      Map<Long, Long> counts,
      double[][] initialU,
      boolean holdU,
      double initialLambda,
      List<String> fields,
      List<List<String>> levelNames,
      double threshold) {
    double[][] fixedU = holdU ? initialU : null;
    int nf = levelCounts.length;
    double[][] m = initialM();
    double[][] u = initialU != null ? normalise(copy(initialU)) : initialU();
    double lambda = initialLambda;
    long[] patterns = new long[counts.size()];
    double[] weights = new double[counts.size()];
    int[][] levels = new int[counts.size()][nf];
    long total = 0;
    int k = 0;
    // In pattern order: the sums of every iteration then add up in the same order whatever map the
    // counts came in (a hash map's order depends on how the workers' counts were merged), so the
    // same counts always give the same model, to the last bit.
    for (Map.Entry<Long, Long> e : new java.util.TreeMap<>(counts).entrySet()) {
      patterns[k] = e.getKey();
      weights[k] = e.getValue();
      Comparisons.decode(levelCounts, e.getKey(), levels[k]);
      total += e.getValue();
      k++;
    }
    if (total == 0) {
      return new LinkageModel(fields, levelNames, m, u, lambda, threshold, 0, false, 0);
    }
    int it = 0;
    boolean converged = false;
    while (it < maxIterations && !converged) {
      it++;
      double[][] mNew = new double[nf][];
      double[][] uNew = new double[nf][];
      for (int f = 0; f < nf; f++) {
        mNew[f] = new double[levelCounts[f]];
        uNew[f] = new double[levelCounts[f]];
      }
      double matches = 0;
      for (int p = 0; p < patterns.length; p++) {
        double pm = lambda;
        double pu = 1 - lambda;
        int[] lv = levels[p];
        for (int f = 0; f < nf; f++) {
          if (lv[f] != Comparison.MISSING) {
            pm *= m[f][lv[f]];
            pu *= u[f][lv[f]];
          }
        }
        double post = pm / (pm + pu);
        double c = weights[p];
        matches += c * post;
        for (int f = 0; f < nf; f++) {
          mNew[f][lv[f]] += c * post;
          uNew[f][lv[f]] += c * (1 - post);
        }
      }
      double lambdaNew = clamp(matches / total);
      double change = Math.abs(lambdaNew - lambda);
      lambda = lambdaNew;
      mNew = normalise(mNew);
      change = Math.max(change, maxDiff(m, mNew));
      m = mNew;
      if (fixedU == null) {
        uNew = normalise(uNew);
        change = Math.max(change, maxDiff(u, uNew));
        u = uNew;
      }
      converged = change < tolerance;
    }
    return new LinkageModel(fields, levelNames, m, u, lambda, threshold, it, converged, total);
  }

  /** Starting m: mass decreasing from the best level (1) to the worst. */
  private double[][] initialM() {
    double[][] m = new double[levelCounts.length][];
    for (int f = 0; f < levelCounts.length; f++) {
      m[f] = new double[levelCounts[f]];
      for (int l = 1; l < levelCounts[f]; l++) {
        m[f][l] = Math.pow(0.25, l - 1);
      }
    }
    return normalise(m);
  }

  /** Starting u: mass increasing towards the worst level. */
  private double[][] initialU() {
    double[][] u = new double[levelCounts.length][];
    for (int f = 0; f < levelCounts.length; f++) {
      u[f] = new double[levelCounts[f]];
      for (int l = 1; l < levelCounts[f]; l++) {
        u[f][l] = Math.pow(0.25, levelCounts[f] - 1 - l);
      }
    }
    return normalise(u);
  }

  /** Scales levels 1.. to sum to 1, each at least {@link #FLOOR}; level 0 is set to 0. */
  static double[][] normalise(double[][] p) {
    for (double[] row : p) {
      row[0] = 0;
      double s = 0;
      for (int l = 1; l < row.length; l++) {
        s += row[l];
      }
      for (int l = 1; l < row.length; l++) {
        row[l] = s > 0 ? row[l] / s : 1.0 / (row.length - 1);
        row[l] = Math.max(row[l], FLOOR);
      }
      double t = 0;
      for (int l = 1; l < row.length; l++) {
        t += row[l];
      }
      for (int l = 1; l < row.length; l++) {
        row[l] /= t;
      }
    }
    return p;
  }

  private static double clamp(double lambda) {
    return Math.min(1 - FLOOR, Math.max(FLOOR, lambda));
  }

  private static double maxDiff(double[][] a, double[][] b) {
    double d = 0;
    for (int f = 0; f < a.length; f++) {
      for (int l = 0; l < a[f].length; l++) {
        d = Math.max(d, Math.abs(a[f][l] - b[f][l]));
      }
    }
    return d;
  }

  private static double[][] copy(double[][] p) {
    double[][] c = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      c[i] = Arrays.copyOf(p[i], p[i].length);
    }
    return c;
  }
}
