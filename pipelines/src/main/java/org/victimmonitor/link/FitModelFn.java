package org.victimmonitor.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Fits the model from the pattern counts of the candidate pairs (the element) and the level counts
 * of random pairs (a side input): u starts from the random pairs (add-one smoothing), then EM
 * estimates m, u and the match share among the candidate pairs (see {@link ExpectationMaximisation}
 * for why u is not held fixed).
 */
final class FitModelFn extends DoFn<Map<Long, Long>, LinkageModel> {
  private final LinkConfig config;
  private final PCollectionView<long[][]> uCounts;
  private final PCollectionView<long[][]> frequencies;

  FitModelFn(
      LinkConfig config, PCollectionView<long[][]> uCounts, PCollectionView<long[][]> frequencies) {
    this.config = config;
    this.uCounts = uCounts;
    this.frequencies = frequencies;
  }

  @ProcessElement
  public void process(ProcessContext c) {
    c.output(
        withMeanFrequency(
            config.comparisons(),
            fit(config, c.element(), c.sideInput(uCounts)),
            c.sideInput(frequencies)));
  }

  /** The model with the mean value frequency of each term-frequency field. */
  static LinkageModel withMeanFrequency(
      Comparisons comparisons, LinkageModel model, long[][] sums) {
    double[] mean = new double[comparisons.fields().size()];
    for (int f = 0; f < mean.length; f++) {
      Comparison c = comparisons.fields().get(f);
      int i = c.index();
      if (c.termFrequency() && i < sums[0].length && sums[1][i] > 0) {
        mean[f] = (double) sums[0][i] / sums[1][i];
      }
    }
    return model.withMeanFrequency(mean);
  }

  /** The fit, as plain Java (also used by tests). */
  static LinkageModel fit(LinkConfig config, Map<Long, Long> patterns, long[][] randomLevels) {
    Comparisons comparisons = config.comparisons();
    double[][] u = new double[randomLevels.length][];
    for (int f = 0; f < u.length; f++) {
      u[f] = new double[randomLevels[f].length];
      for (int l = 1; l < u[f].length; l++) {
        u[f][l] = randomLevels[f][l] + 1.0;
      }
    }
    List<String> fields = new ArrayList<>();
    List<List<String>> levels = new ArrayList<>();
    for (Comparison cmp : comparisons.fields()) {
      fields.add(cmp.name());
      levels.add(cmp.levelNames());
    }
    return new ExpectationMaximisation(comparisons.levelCounts())
        .fit(patterns, u, false, 0.1, List.copyOf(fields), List.copyOf(levels), config.threshold());
  }
}
