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
 */
public record LinkConfig(
    Comparisons comparisons,
    Blocking blocking,
    double threshold,
    int maxClusterSize,
    int randomBucket,
    int starRounds)
    implements Serializable {

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

  public LinkConfig withThreshold(double p) {
    return new LinkConfig(comparisons, blocking, p, maxClusterSize, randomBucket, starRounds);
  }

  public LinkConfig withStarRounds(int rounds) {
    return new LinkConfig(comparisons, blocking, threshold, maxClusterSize, randomBucket, rounds);
  }

  public LinkConfig withMaxBlockSize(int max) {
    return new LinkConfig(
        comparisons,
        blocking.withMaxBlockSize(max),
        threshold,
        maxClusterSize,
        randomBucket,
        starRounds);
  }

  public LinkConfig withMaxClusterSize(int max) {
    return new LinkConfig(comparisons, blocking, threshold, max, randomBucket, starRounds);
  }
}
