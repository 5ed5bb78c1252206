package org.victimmonitor.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.victimmonitor.common.Grouping;

/**
 * Fits the Fellegi–Sunter model. u starts from random record pairs (records hashed into buckets of
 * about {@link LinkConfig#randomBucket()} records, all pairs within a bucket compared: almost all
 * are non-matches; at most {@link #RANDOM_RECORDS} records, sampled by the same hash); m, u and the
 * match share then come from EM over the comparison-pattern counts of the candidate pairs. Both
 * inputs are fixed-size summaries (level counts, pattern counts) combined across workers, so the
 * fit itself runs on one worker at any scale.
 */
public final class EstimateModel
    extends PTransform<PCollection<ComparedPair>, PCollection<LinkageModel>> {
  private final LinkConfig config;
  private final PCollection<LinkRecord> records;
  private final RecordTotals totals;

  public EstimateModel(LinkConfig config, PCollection<LinkRecord> records, RecordTotals totals) {
    this.config = config;
    this.records = records;
    this.totals = totals;
  }

  @Override
  public PCollection<LinkageModel> expand(PCollection<ComparedPair> pairs) {
    PCollectionView<Long> recordCount = totals.count();
    PCollectionView<long[][]> uCounts =
        records
            .apply(
                "BucketAtRandom",
                ParDo.of(new BucketRecordsFn(config.randomBucket(), recordCount))
                    .withSideInputs(recordCount))
            .setCoder(KvCoder.of(VarIntCoder.of(), LinkRecordCoder.of()))
            .apply("GroupBuckets", Grouping.byKey())
            .apply("CompareRandomPairs", ParDo.of(new CountRandomLevelsFn(config.comparisons())))
            .setCoder(new Summaries.CountTableCoder())
            .apply("SumLevelCounts", Combine.globally(new SumLevelsFn(config.comparisons())))
            .apply("LevelCountsView", View.asSingleton());
    PCollectionView<long[][]> frequencies = totals.frequencies();
    return pairs
        .apply("CountPatterns", Combine.globally(new CountPatternsFn()))
        .apply(
            "FitModel",
            ParDo.of(new FitModelFn(config, uCounts, frequencies))
                .withSideInputs(uCounts, frequencies))
        .setCoder(new Summaries.ModelCoder());
  }

  /** Sums pattern counts into one map: the fixed-size summary EM runs on. */
  static final class CountPatternsFn
      extends Combine.CombineFn<ComparedPair, HashMap<Long, Long>, Map<Long, Long>> {
    @Override
    public HashMap<Long, Long> createAccumulator() {
      return new HashMap<>();
    }

    @Override
    public HashMap<Long, Long> addInput(HashMap<Long, Long> acc, ComparedPair p) {
      acc.merge(p.pattern(), 1L, Long::sum);
      return acc;
    }

    @Override
    public HashMap<Long, Long> mergeAccumulators(Iterable<HashMap<Long, Long>> accs) {
      HashMap<Long, Long> out = new HashMap<>();
      for (HashMap<Long, Long> a : accs) {
        a.forEach((k, v) -> out.merge(k, v, Long::sum));
      }
      return out;
    }

    @Override
    public Map<Long, Long> extractOutput(HashMap<Long, Long> acc) {
      return acc;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<HashMap<Long, Long>> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<ComparedPair> inputCoder) {
      return new HashMapCoder();
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<Map<Long, Long>> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<ComparedPair> inputCoder) {
      return MapCoder.of(VarLongCoder.of(), VarLongCoder.of());
    }
  }

  /** Coder of the pattern-count accumulator. */
  static final class HashMapCoder
      extends org.apache.beam.sdk.coders.CustomCoder<HashMap<Long, Long>> {
    private static final MapCoder<Long, Long> MAP =
        MapCoder.of(VarLongCoder.of(), VarLongCoder.of());

    @Override
    public void encode(HashMap<Long, Long> value, java.io.OutputStream os)
        throws java.io.IOException {
      MAP.encode(value, os);
    }

    @Override
    public HashMap<Long, Long> decode(java.io.InputStream is) throws java.io.IOException {
      return new HashMap<>(MAP.decode(is));
    }
  }

  /**
   * Records sampled for the random pairs of u, at most: 250,000 records in buckets of 40 make 4.9
   * million random pairs. Those counts only start EM, which estimates u itself (see {@link
   * ExpectationMaximisation}); Splink fixes u from 10^6 to 10^7 random pairs. Below this many
   * records every record is in a bucket.
   */
  public static final long RANDOM_RECORDS = 250_000;

  /**
   * Puts each sampled record in one of about min(n, {@link #RANDOM_RECORDS}) / bucket random
   * buckets. Sample and bucket both come from a hash of the record's id, so the same records give
   * the same pairs in every run; a run of n records samples each with probability RANDOM_RECORDS /
   * n.
   */
  static final class BucketRecordsFn extends DoFn<LinkRecord, KV<Integer, LinkRecord>> {
    private final int bucket;
    private final PCollectionView<Long> count;
    private transient int buckets;
    private transient long keepBelow;

    BucketRecordsFn(int bucket, PCollectionView<Long> count) {
      this.bucket = bucket;
      this.count = count;
    }

    @StartBundle
    public void start() {
      buckets = 0;
    }

    @ProcessElement
    public void process(
        @Element LinkRecord r, ProcessContext c, OutputReceiver<KV<Integer, LinkRecord>> out) {
      if (buckets == 0) {
        // once per bundle: every read of a side input on Flink formats the view's name
        long n = c.sideInput(count);
        long sampled = Math.min(n, RANDOM_RECORDS);
        buckets = (int) Math.max(1, sampled / bucket);
        keepBelow = keepBelow(n);
      }
      int b = bucketOf(r.id(), buckets, keepBelow);
      if (b >= 0) {
        out.output(KV.of(b, r));
      }
    }

    /** The random bucket of a record's id, or -1 when the record is not sampled. */
    static int bucketOf(String id, int buckets, long keepBelow) {
      int h = mix(id.hashCode());
      if (keepBelow != Long.MAX_VALUE && (Blocking.mix(h) >>> 1) >= keepBelow) {
        return -1;
      }
      return Math.floorMod(h, buckets);
    }

    /** A record is sampled when 63 bits of its hash fall below this (MAX_VALUE: all records). */
    static long keepBelow(long n) {
      return n <= RANDOM_RECORDS
          ? Long.MAX_VALUE
          : (long) ((double) RANDOM_RECORDS / n * (double) Long.MAX_VALUE);
    }

    private static int mix(int h) {
      h ^= h >>> 16;
      h *= 0x85ebca6b;
      h ^= h >>> 13;
      h *= 0xc2b2ae35;
      return h ^ (h >>> 16);
    }
  }

  /** Level counts per field over all pairs of one random bucket. */
  static final class CountRandomLevelsFn extends DoFn<KV<Integer, Iterable<LinkRecord>>, long[][]> {
    private final Comparisons comparisons;

    CountRandomLevelsFn(Comparisons comparisons) {
      this.comparisons = comparisons;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<LinkRecord>> bucket, OutputReceiver<long[][]> out) {
      List<LinkRecord> rs = new ArrayList<>();
      bucket.getValue().forEach(rs::add);
      long[][] counts = SumLevelsFn.empty(comparisons);
      List<Comparison> fields = comparisons.fields();
      for (int i = 0; i < rs.size(); i++) {
        for (int j = i + 1; j < rs.size(); j++) {
          for (int f = 0; f < fields.size(); f++) {
            counts[f][fields.get(f).level(rs.get(i), rs.get(j))]++;
          }
        }
      }
      out.output(counts);
    }
  }

  /** Sums level-count tables. */
  static final class SumLevelsFn extends Combine.BinaryCombineFn<long[][]> {
    private final Comparisons comparisons;

    SumLevelsFn(Comparisons comparisons) {
      this.comparisons = comparisons;
    }

    static long[][] empty(Comparisons comparisons) {
      int[] n = comparisons.levelCounts();
      long[][] c = new long[n.length][];
      for (int f = 0; f < n.length; f++) {
        c[f] = new long[n[f]];
      }
      return c;
    }

    @Override
    public long[][] apply(long[][] a, long[][] b) {
      long[][] c = empty(comparisons);
      for (int f = 0; f < c.length; f++) {
        for (int l = 0; l < c[f].length; l++) {
          c[f][l] = a[f][l] + b[f][l];
        }
      }
      return c;
    }

    @Override
    public long[][] identity() {
      return empty(comparisons);
    }
  }
}
