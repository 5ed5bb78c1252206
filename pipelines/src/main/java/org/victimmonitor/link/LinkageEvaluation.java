package org.victimmonitor.link;

import java.util.HashMap;
import java.util.Map;

/**
 * Quality of a clustering against the truth, both keyed by record: pairwise precision, recall and
 * F1 (over all record pairs put in one cluster) and B-cubed precision, recall and F1 (per record,
 * the overlap of its predicted and true clusters, averaged over records).
 */
public record LinkageEvaluation(
    long records,
    long predictedPairs,
    long truePairs,
    long correctPairs,
    double precision,
    double recall,
    double f1,
    double bcubedPrecision,
    double bcubedRecall,
    double bcubedF1,
    long predictedClusters,
    long trueClusters) {

  /**
   * Evaluates {@code predicted} (record → cluster) against {@code truth} (record → person). Both
   * must hold the same records.
   */
  public static LinkageEvaluation of(Map<String, String> predicted, Map<String, String> truth) {
    if (!predicted.keySet().equals(truth.keySet())) {
      long missing = truth.keySet().stream().filter(k -> !predicted.containsKey(k)).count();
      long extra = predicted.keySet().stream().filter(k -> !truth.containsKey(k)).count();
      throw new IllegalArgumentException(
          "clusters and truth hold different records: "
              + extra
              + " clustered records are not in the truth, "
              + missing
              + " truth records are not clustered");
    }
    Map<String, Long> predSize = new HashMap<>();
    Map<String, Long> trueSize = new HashMap<>();
    Map<String, Long> cell = new HashMap<>();
    for (Map.Entry<String, String> e : predicted.entrySet()) {
      String p = e.getValue();
      String t = truth.get(e.getKey());
      predSize.merge(p, 1L, Long::sum);
      trueSize.merge(t, 1L, Long::sum);
      cell.merge(p + '\u0000' + t, 1L, Long::sum);
    }
    long predictedPairs = predSize.values().stream().mapToLong(LinkageEvaluation::pairs).sum();
    long truePairs = trueSize.values().stream().mapToLong(LinkageEvaluation::pairs).sum();
    long correct = cell.values().stream().mapToLong(LinkageEvaluation::pairs).sum();
    double precision = predictedPairs == 0 ? 1.0 : (double) correct / predictedPairs;
    double recall = truePairs == 0 ? 1.0 : (double) correct / truePairs;
    double bp = 0;
    double br = 0;
    for (Map.Entry<String, String> e : predicted.entrySet()) {
      String p = e.getValue();
      String t = truth.get(e.getKey());
      double both = cell.get(p + '\u0000' + t);
      bp += both / predSize.get(p);
      br += both / trueSize.get(t);
    }
    long n = predicted.size();
    bp = n == 0 ? 1 : bp / n;
    br = n == 0 ? 1 : br / n;
    return new LinkageEvaluation(
        n,
        predictedPairs,
        truePairs,
        correct,
        precision,
        recall,
        harmonic(precision, recall),
        bp,
        br,
        harmonic(bp, br),
        predSize.size(),
        trueSize.size());
  }

  private static long pairs(long n) {
    return n * (n - 1) / 2;
  }

  private static double harmonic(double p, double r) {
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
