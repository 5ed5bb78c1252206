package org.victimmonitor.link;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Scores each candidate pair with the fitted model and keeps the links: pairs whose posterior match
 * probability reaches the model's threshold and that do not contradict hard evidence. Counts
 * candidate pairs, pairs over the threshold, over-threshold pairs refused by the hard-evidence
 * guard, links, and a histogram of match weights (one counter per whole bit).
 */
public final class ScoreLinks
    extends PTransform<PCollection<ComparedPair>, PCollection<ComparedPair>> {
  private final PCollectionView<LinkageModel> model;

  public ScoreLinks(PCollectionView<LinkageModel> model) {
    this.model = model;
  }

  @Override
  public PCollection<ComparedPair> expand(PCollection<ComparedPair> pairs) {
    return pairs
        .apply("ScorePairs", ParDo.of(new ScorePairsFn(model)).withSideInputs(model))
        .setCoder(ComparedPair.Coder.of());
  }

  /** Scores one pair. */
  static final class ScorePairsFn extends DoFn<ComparedPair, ComparedPair> {
    private final PCollectionView<LinkageModel> modelView;
    private final Counter candidates = Metrics.counter(LinkJob.METRICS, "candidate_pairs");
    private final Counter above = Metrics.counter(LinkJob.METRICS, "pairs_above_threshold");
    private final Counter refused =
        Metrics.counter(LinkJob.METRICS, "links_refused_by_hard_evidence");
    private final Counter links = Metrics.counter(LinkJob.METRICS, "links");
    private transient int[] levelCounts;
    private transient int[] levels;

    ScorePairsFn(PCollectionView<LinkageModel> model) {
      this.modelView = model;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      LinkageModel model = c.sideInput(modelView);
      if (levels == null) {
        levelCounts = new int[model.size()];
        for (int f = 0; f < levelCounts.length; f++) {
          levelCounts[f] = model.m()[f].length;
        }
        levels = new int[model.size()];
      }
      ComparedPair p = c.element();
      candidates.inc();
      Comparisons.decode(levelCounts, p.pattern(), levels);
      double w = model.matchWeight(levels);
      if (LinkageModel.probabilityOfWeight(w) < model.threshold()) {
        return;
      }
      above.inc();
      if (p.contradicted()) {
        refused.inc();
        return;
      }
      links.inc();
      c.output(p);
    }
  }
}
