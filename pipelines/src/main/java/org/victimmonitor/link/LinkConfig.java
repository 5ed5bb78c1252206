package org.victimmonitor.link;

import java.io.Serializable;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * Every parameter of a linkage run, with documented defaults (docs/linkage.md).
 *
 * @param threshold link a pair when its posterior match probability is at least this
 * @param maxClusterSize clusters larger than this are reported as oversized
 * @param randomBucket records per bucket when sampling random pairs for u
 * @param starRounds rounds of large-star + small-star before the convergence check
 * @param strongThreshold a link whose posterior is below this (but at least {@code threshold}) is
 *     weak: kept only when it is the best-scoring link of one of its two records (the chaining
 *     guard, see {@link ScoreLinks})
 */
public record LinkConfig(
    Comparisons comparisons,
    Blocking blocking,
    double threshold,
    int maxClusterSize,
    int randomBucket,
    int starRounds,
    double strongThreshold)
    implements Serializable {

  /** Documented default of {@link #strongThreshold}. */
  public static final double DEFAULT_STRONG_THRESHOLD = 0.99;

  public LinkConfig(
      Comparisons comparisons,
      Blocking blocking,
      double threshold,
      int maxClusterSize,
      int randomBucket,
      int starRounds) {
    this(
        comparisons,
        blocking,
        threshold,
        maxClusterSize,
        randomBucket,
        starRounds,
        Math.max(threshold, DEFAULT_STRONG_THRESHOLD));
  }

  public static final int DEFAULT_MAX_CLUSTER = 50;
  public static final int DEFAULT_RANDOM_BUCKET = 40;
  public static final int DEFAULT_STAR_ROUNDS = 4;

  public static LinkConfig defaults(LinkageSchema schema) {
    return new LinkConfig(
        Comparisons.defaults(schema),
        Blocking.defaults(schema),
        LinkageModel.DEFAULT_THRESHOLD,
        DEFAULT_MAX_CLUSTER,
        DEFAULT_RANDOM_BUCKET,
        DEFAULT_STAR_ROUNDS);
  }

  /** Another threshold; the strong threshold is raised to it when below. */
  public LinkConfig withThreshold(double p) {
    return new LinkConfig(
        comparisons,
        blocking,
        p,
        maxClusterSize,
        randomBucket,
        starRounds,
        Math.max(p, strongThreshold));
  }

  /** Another strong threshold (at least the threshold; equal to it turns the guard off). */
  public LinkConfig withStrongThreshold(double p) {
    return new LinkConfig(
        comparisons,
        blocking,
        threshold,
        maxClusterSize,
        randomBucket,
        starRounds,
        Math.max(p, threshold));
  }

  public LinkConfig withStarRounds(int rounds) {
    return new LinkConfig(
        comparisons, blocking, threshold, maxClusterSize, randomBucket, rounds, strongThreshold);
  }

  /** Other blocking rules (the block size cap of the current ones is kept). */
  public LinkConfig withBlocking(Blocking b) {
    return new LinkConfig(
        comparisons,
        b.withMaxBlockSize(blocking.maxBlockSize()),
        threshold,
        maxClusterSize,
        randomBucket,
        starRounds,
        strongThreshold);
  }

  public LinkConfig withMaxBlockSize(int max) {
    return new LinkConfig(
        comparisons,
        blocking.withMaxBlockSize(max),
        threshold,
        maxClusterSize,
        randomBucket,
        starRounds,
        strongThreshold);
  }

  public LinkConfig withMaxClusterSize(int max) {
    return new LinkConfig(
        comparisons, blocking, threshold, max, randomBucket, starRounds, strongThreshold);
  }
}
