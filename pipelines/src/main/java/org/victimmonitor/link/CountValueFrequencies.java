package org.victimmonitor.link;

import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.victimmonitor.common.Grouping;

/**
 * Term frequencies without the terms: for each term-frequency field (the names), records whose
 * filters are identical carry the same value (the encoding is deterministic under one key), so the
 * number of records sharing a record's filter is the frequency of its value. The values are counted
 * by a 64-bit fingerprint of (field, filter), counted in a table on each worker before the shuffle;
 * the fingerprints seen at least twice, with their counts, go to every worker as a side input
 * (their number grows with the distinct common values, not with the records), and a value not in it
 * has frequency 1. No record is shuffled. Two different values colliding on a fingerprint (about
 * one 3 chances in 10^8 for a million distinct values) would add their counts. Records missing a
 * field keep frequency 0 for it.
 */
public final class CountValueFrequencies
    extends PTransform<PCollection<LinkRecord>, PCollection<LinkRecord>> {
  private final int[] bloomFields;

  /** Counts the values of the given Bloom field indexes. */
  public CountValueFrequencies(int[] bloomFields) {
    this.bloomFields = bloomFields.clone();
  }

  /** The Bloom field indexes of the comparisons that use term frequencies. */
  public static int[] fieldsOf(Comparisons comparisons) {
    return comparisons.fields().stream()
        .filter(c -> c.kind() == Comparison.Kind.BLOOM && c.termFrequency())
        .mapToInt(Comparison::index)
        .toArray();
  }

  @Override
  public PCollection<LinkRecord> expand(PCollection<LinkRecord> records) {
    if (bloomFields.length == 0) {
      return records;
    }
    PCollectionView<Map<Long, Long>> common =
        records
            .apply("ValueFingerprints", ParDo.of(new FingerprintsFn(bloomFields)))
            .setCoder(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()))
            .apply("CountValues", Grouping.combinePerKey(Sum.ofLongs()))
            .apply("ValuesSeenTwice", Filter.by((KV<Long, Long> kv) -> kv.getValue() >= 2))
            .apply("CommonValues", View.asMap());
    return records
        .apply(
            "SetFrequencies",
            ParDo.of(new SetFrequenciesFn(bloomFields, common)).withSideInputs(common))
        .setCoder(LinkRecordCoder.of());
  }

  /** The fingerprint of a record's value of a field, by its filter; the field is part of it. */
  static long fingerprint(int field, long[] filter) {
    long h = 0x9E3779B97F4A7C15L * (field + 1);
    for (long w : filter) {
      h = Blocking.mix(h ^ w) + 0x632BE59BD9B4E019L;
    }
    return Blocking.mix(h ^ filter.length);
  }

  /**
   * The fingerprints of a record's values of the fields it has, counted on the worker: a table of
   * at most {@link FingerprintCounts#CAPACITY} fingerprints is emitted with its counts when full
   * and at the end of the bundle, so the engine sorts the distinct values of a bundle, not every
   * value.
   */
  static final class FingerprintsFn extends DoFn<LinkRecord, KV<Long, Long>> {
    private final int[] fields;
    private transient FingerprintCounts counts;

    FingerprintsFn(int[] fields) {
      this.fields = fields;
    }

    @StartBundle
    public void start() {
      if (counts == null) {
        counts = new FingerprintCounts();
      }
    }

    @ProcessElement
    public void process(@Element LinkRecord r, OutputReceiver<KV<Long, Long>> out) {
      for (int field : fields) {
        long[] f = r.filters()[field];
        if (f != null && counts.add(fingerprint(field, f))) {
          counts.drain((k, n) -> out.output(KV.of(k, n)));
        }
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      counts.drain(
          (k, n) ->
              c.output(KV.of(k, n), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE));
    }
  }

  /** Counts per fingerprint in an open-addressing table of primitive longs. */
  static final class FingerprintCounts {
    /** Slots: 2^18 (3 MB); drained when 3/4 full. */
    static final int CAPACITY = 1 << 18;

    private final long[] keys = new long[CAPACITY];
    private final long[] counts = new long[CAPACITY];
    private int size;

    /** Counts one more of {@code k}; true when the table is full and must be drained. */
    boolean add(long k) {
      int i = (int) (Blocking.mix(k) >>> 46);
      while (counts[i] != 0 && keys[i] != k) {
        i = (i + 1) & (CAPACITY - 1);
      }
      if (counts[i] == 0) {
        keys[i] = k;
        size++;
      }
      counts[i]++;
      return size >= CAPACITY / 4 * 3;
    }

    /** Hands every fingerprint with its count to {@code out} and empties the table. */
    void drain(java.util.function.ObjLongConsumer<Long> out) {
      if (size == 0) {
        return;
      }
      for (int i = 0; i < CAPACITY; i++) {
        if (counts[i] != 0) {
          out.accept(keys[i], counts[i]);
          counts[i] = 0;
        }
      }
      size = 0;
    }
  }

  /** Sets, per field the record has, how many records share its value (1 when none other). */
  static final class SetFrequenciesFn extends DoFn<LinkRecord, LinkRecord> {
    private final int[] fields;
    private final PCollectionView<Map<Long, Long>> common;

    private transient Map<Long, Long> counts;

    SetFrequenciesFn(int[] fields, PCollectionView<Map<Long, Long>> common) {
      this.fields = fields;
      this.common = common;
    }

    @StartBundle
    public void start() {
      counts = null;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      LinkRecord r = c.element();
      if (counts == null) {
        // once per bundle: the DirectRunner builds a map view on every read
        counts = c.sideInput(common);
      }
      int[] f = r.frequencies().clone();
      for (int field : fields) {
        long[] filter = r.filters()[field];
        if (filter != null) {
          f[field] = Math.toIntExact(counts.getOrDefault(fingerprint(field, filter), 1L));
        }
      }
      c.output(r.withFrequencies(f));
    }
  }
}
