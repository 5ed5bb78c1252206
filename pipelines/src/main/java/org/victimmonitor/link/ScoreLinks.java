package org.victimmonitor.link;

import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.victimmonitor.common.Grouping;

/**
 * Scores each candidate pair with the fitted model (term-frequency adjusted) and keeps the links:
 * pairs whose posterior match probability reaches the model's threshold and that do not contradict
 * hard evidence. Links below the strong threshold are weak; the chaining guard keeps a weak link
 * only when it is the best-scoring link of at least one of its two records, so that a record
 * already tied to its own person by stronger evidence is not also pulled into a namesake's cluster
 * by a weaker one. Both steps are keyed by record (one worker holds the links of one record), never
 * by the whole graph: by the record's 64-bit fingerprint ({@link ClusterPersons#fingerprint}) with
 * the clustering's salt, so the engine sorts fixed-width numbers, not ids of some fifty characters.
 * Two records sharing a fingerprint would share a best weight here; the clustering counts every
 * such pair among all records ({@code node_fingerprint_collisions}), and the link then runs again
 * with another salt (the load publishes nothing).
 *
 * <p>Counts candidate pairs, pairs over the threshold, over-threshold pairs refused by the
 * hard-evidence guard, weak links kept and dropped, and links.
 */
public final class ScoreLinks
    extends PTransform<PCollection<ComparedPair>, PCollection<ComparedPair>> {
  private static final TupleTag<ComparedPair> STRONG = new TupleTag<>("strong");
  private static final TupleTag<KV<ComparedPair, Double>> WEAK = new TupleTag<>("weak");
  private static final TupleTag<KV<Long, Double>> ENDS = new TupleTag<>("ends");
  private static final TupleTag<KV<ComparedPair, KV<Double, Boolean>>> CANDIDATE =
      new TupleTag<>("candidate");
  private static final TupleTag<Double> BEST = new TupleTag<>("best");

  private final PCollectionView<LinkageModel> model;
  private final double strongThreshold;
  private final long salt;

  /** Scores with the model's threshold and no weak links (strong threshold = threshold). */
  public ScoreLinks(PCollectionView<LinkageModel> model) {
    this(model, 0, 0L);
  }

  /**
   * @param strongThreshold links below this posterior are weak (the model's threshold applies when
   *     it is higher)
   * @param salt the salt of the records' fingerprints: the clustering's ({@link ClusterPersons})
   */
  public ScoreLinks(PCollectionView<LinkageModel> model, double strongThreshold, long salt) {
    this.model = model;
    this.strongThreshold = strongThreshold;
    this.salt = salt;
  }

  @Override
  public PCollection<ComparedPair> expand(PCollection<ComparedPair> pairs) {
    KvCoder<ComparedPair, Double> weakCoder = KvCoder.of(ComparedPair.Coder.of(), DoubleCoder.of());
    KvCoder<ComparedPair, KV<Double, Boolean>> candidateCoder =
        KvCoder.of(ComparedPair.Coder.of(), KvCoder.of(DoubleCoder.of(), BooleanCoder.of()));
    PCollectionTuple scored =
        pairs.apply(
            "ScorePairs",
            ParDo.of(new ScorePairsFn(model, strongThreshold, salt))
                .withSideInputs(model)
                .withOutputTags(STRONG, TupleTagList.of(WEAK).and(ENDS)));
    PCollection<ComparedPair> strong = scored.get(STRONG).setCoder(ComparedPair.Coder.of());
    PCollection<KV<ComparedPair, Double>> weak = scored.get(WEAK).setCoder(weakCoder);
    PCollection<KV<Long, Double>> best =
        scored
            .get(ENDS)
            .setCoder(KvCoder.of(BigEndianLongCoder.of(), DoubleCoder.of()))
            .apply("BestWeightPerRecord", Grouping.combinePerKey(Max.ofDoubles()));

    // Is the weak link the best of its left record? Then of its right record?
    PCollection<KV<Long, KV<ComparedPair, KV<Double, Boolean>>>> byLeft =
        weak.apply("KeyWeakByLeft", ParDo.of(new KeyByEndFn(true, salt)))
            .setCoder(KvCoder.of(BigEndianLongCoder.of(), candidateCoder));
    PCollection<KV<ComparedPair, KV<Double, Boolean>>> leftChecked =
        KeyedPCollectionTuple.of(CANDIDATE, byLeft)
            .and(BEST, best)
            .apply("JoinBestOfLeft", Grouping.coGroupByKey())
            .apply("CheckLeft", ParDo.of(new CheckBestFn()))
            .setCoder(candidateCoder);
    PCollection<KV<Long, KV<ComparedPair, KV<Double, Boolean>>>> byRight =
        leftChecked
            .apply("KeyWeakByRight", ParDo.of(new KeyCheckedByRightFn(salt)))
            .setCoder(KvCoder.of(BigEndianLongCoder.of(), candidateCoder));
    PCollection<ComparedPair> weakKept =
        KeyedPCollectionTuple.of(CANDIDATE, byRight)
            .and(BEST, best)
            .apply("JoinBestOfRight", Grouping.coGroupByKey())
            .apply("KeepBestWeakLinks", ParDo.of(new KeepWeakFn()))
            .setCoder(ComparedPair.Coder.of());
    return PCollectionList.of(strong)
        .and(weakKept)
        .apply("AllLinks", Flatten.pCollections())
        .setCoder(ComparedPair.Coder.of());
  }

  /** Scores one pair. */
  static final class ScorePairsFn extends DoFn<ComparedPair, ComparedPair> {
    private final PCollectionView<LinkageModel> modelView;
    private final double strongThreshold;
    private final long salt;
    private final Counter candidates = Metrics.counter(LinkJob.METRICS, "candidate_pairs");
    private final Counter above = Metrics.counter(LinkJob.METRICS, "pairs_above_threshold");
    private final Counter refused =
        Metrics.counter(LinkJob.METRICS, "links_refused_by_hard_evidence");
    private final Counter strongLinks = Metrics.counter(LinkJob.METRICS, "strong_links");
    private transient LinkageModel model;
    private transient int[] levelCounts;
    private transient int[] levels;

    ScorePairsFn(PCollectionView<LinkageModel> model, double strongThreshold, long salt) {
      this.modelView = model;
      this.strongThreshold = strongThreshold;
      this.salt = salt;
    }

    @StartBundle
    public void start() {
      model = null;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (model == null) {
        // once per bundle: every read of a side input on Flink formats the view's name
        model = c.sideInput(modelView);
      }
      if (levels == null) {
        levelCounts = new int[model.size()];
        for (int f = 0; f < levelCounts.length; f++) {
          levelCounts[f] = model.m()[f].length;
        }
        levels = new int[model.size()];
      }
      ComparedPair p = c.element();
      candidates.inc();
      LinkProgress.SCORED.incrementAndGet();
      Comparisons.decode(levelCounts, p.pattern(), levels);
      double w = model.matchWeight(levels, p.frequencies());
      double probability = LinkageModel.probabilityOfWeight(w);
      if (probability < model.threshold()) {
        return;
      }
      above.inc();
      if (p.contradicted()) {
        refused.inc();
        return;
      }
      c.output(ENDS, KV.of(ClusterPersons.fingerprint(p.left(), salt), w));
      c.output(ENDS, KV.of(ClusterPersons.fingerprint(p.right(), salt), w));
      if (probability >= Math.max(strongThreshold, model.threshold())) {
        strongLinks.inc();
        c.output(p);
      } else {
        c.output(WEAK, KV.of(p, w));
      }
    }
  }

  /** Keys a weak link by its left record, not yet known to be anyone's best. */
  static final class KeyByEndFn
      extends DoFn<KV<ComparedPair, Double>, KV<Long, KV<ComparedPair, KV<Double, Boolean>>>> {
    private final boolean left;
    private final long salt;

    KeyByEndFn(boolean left, long salt) {
      this.left = left;
      this.salt = salt;
    }

    @ProcessElement
    public void process(
        @Element KV<ComparedPair, Double> e,
        OutputReceiver<KV<Long, KV<ComparedPair, KV<Double, Boolean>>>> out) {
      ComparedPair p = e.getKey();
      long end = ClusterPersons.fingerprint(left ? p.left() : p.right(), salt);
      out.output(KV.of(end, KV.of(p, KV.of(e.getValue(), false))));
    }
  }

  /** Re-keys a checked weak link by its right record. */
  static final class KeyCheckedByRightFn
      extends DoFn<
          KV<ComparedPair, KV<Double, Boolean>>, KV<Long, KV<ComparedPair, KV<Double, Boolean>>>> {
    private final long salt;

    KeyCheckedByRightFn(long salt) {
      this.salt = salt;
    }

    @ProcessElement
    public void process(
        @Element KV<ComparedPair, KV<Double, Boolean>> e,
        OutputReceiver<KV<Long, KV<ComparedPair, KV<Double, Boolean>>>> out) {
      out.output(KV.of(ClusterPersons.fingerprint(e.getKey().right(), salt), e));
    }
  }

  /** Marks the weak links that are the best link of the record they are keyed by. */
  static final class CheckBestFn
      extends DoFn<KV<Long, CoGbkResult>, KV<ComparedPair, KV<Double, Boolean>>> {
    @ProcessElement
    public void process(
        @Element KV<Long, CoGbkResult> e,
        OutputReceiver<KV<ComparedPair, KV<Double, Boolean>>> out) {
      double best = e.getValue().getOnly(BEST, Double.NEGATIVE_INFINITY);
      for (KV<ComparedPair, KV<Double, Boolean>> c : e.getValue().getAll(CANDIDATE)) {
        double w = c.getValue().getKey();
        boolean isBest = c.getValue().getValue() || w >= best;
        out.output(KV.of(c.getKey(), KV.of(w, isBest)));
      }
    }
  }

  /** Keeps the weak links that are the best link of either of their records. */
  static final class KeepWeakFn extends DoFn<KV<Long, CoGbkResult>, ComparedPair> {
    private final Counter kept = Metrics.counter(LinkJob.METRICS, "weak_links_kept");
    private final Counter dropped = Metrics.counter(LinkJob.METRICS, "weak_links_dropped");

    @ProcessElement
    public void process(@Element KV<Long, CoGbkResult> e, OutputReceiver<ComparedPair> out) {
      double best = e.getValue().getOnly(BEST, Double.NEGATIVE_INFINITY);
      for (KV<ComparedPair, KV<Double, Boolean>> c : e.getValue().getAll(CANDIDATE)) {
        if (c.getValue().getValue() || c.getValue().getKey() >= best) {
          kept.inc();
          out.output(c.getKey());
        } else {
          dropped.inc();
        }
      }
    }
  }
}
