package org.victimmonitor.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Histogram of the candidate pairs' match weights, in whole bits from {@link #MIN} to {@link #MAX}
 * (clamped): a fixed-size summary, combined across workers, as JSON {@code {"bin": count}} with the
 * threshold's weight. Read by {@code monitor evaluate-linkage} to draw the histogram.
 */
public final class HistogramWeights
    extends PTransform<PCollection<ComparedPair>, PCollection<String>> {
  public static final int MIN = -40;
  public static final int MAX = 80;

  private final PCollectionView<LinkageModel> model;

  public HistogramWeights(PCollectionView<LinkageModel> model) {
    this.model = model;
  }

  @Override
  public PCollection<String> expand(PCollection<ComparedPair> pairs) {
    return pairs
        .apply("BinWeights", ParDo.of(new BinWeightsFn(model)).withSideInputs(model))
        .apply("SumBins", Combine.globally(new SumBinsFn()))
        .setCoder(new Summaries.CountsCoder())
        .apply(
            "FormatHistogram",
            MapElements.into(TypeDescriptors.strings()).via(HistogramWeights::json));
  }

  static String json(long[] bins) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    ObjectNode counts = root.putObject("bins");
    for (int b = 0; b < bins.length; b++) {
      if (bins[b] > 0) {
        counts.put(Integer.toString(b + MIN), bins[b]);
      }
    }
    try {
      return m.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads {@link #json} back: bin (lower bound in bits) → pairs. */
  public static Map<Integer, Long> read(String json) throws IOException {
    Map<Integer, Long> out = new TreeMap<>();
    new ObjectMapper()
        .readTree(json)
        .path("bins")
        .fields()
        .forEachRemaining(e -> out.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
    return out;
  }

  /** One-hot bin of a pair's weight. */
  static final class BinWeightsFn extends DoFn<ComparedPair, Integer> {
    private final PCollectionView<LinkageModel> modelView;
    private transient LinkageModel model;
    private transient int[] counts;
    private transient int[] levels;

    BinWeightsFn(PCollectionView<LinkageModel> model) {
      this.modelView = model;
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
        counts = new int[model.size()];
        for (int f = 0; f < counts.length; f++) {
          counts[f] = model.m()[f].length;
        }
        levels = new int[model.size()];
      }
      Comparisons.decode(counts, c.element().pattern(), levels);
      double w = model.matchWeight(levels, c.element().frequencies());
      c.output((int) Math.max(MIN, Math.min(MAX, Math.floor(w))));
    }
  }

  /** Counts bins. */
  static final class SumBinsFn extends Combine.CombineFn<Integer, long[], long[]> {
    @Override
    public long[] createAccumulator() {
      return new long[MAX - MIN + 1];
    }

    @Override
    public long[] addInput(long[] acc, Integer bin) {
      acc[bin - MIN]++;
      return acc;
    }

    @Override
    public long[] mergeAccumulators(Iterable<long[]> accs) {
      long[] out = createAccumulator();
      for (long[] a : accs) {
        for (int i = 0; i < out.length; i++) {
          out[i] += a[i];
        }
      }
      return out;
    }

    @Override
    public long[] extractOutput(long[] acc) {
      return acc;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<long[]> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<Integer> inputCoder) {
      return new Summaries.CountsCoder();
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<long[]> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<Integer> inputCoder) {
      return new Summaries.CountsCoder();
    }
  }
}
