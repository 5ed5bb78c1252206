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

  FitModelFn(LinkConfig config, PCollectionView<long[][]> uCounts) {
    this.config = config;
    this.uCounts = uCounts;
  }

  @ProcessElement
  public void process(ProcessContext c) {
    c.output(fit(config, c.element(), c.sideInput(uCounts)));
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
