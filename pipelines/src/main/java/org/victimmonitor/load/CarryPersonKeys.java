package org.victimmonitor.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.victimmonitor.common.Grouping;

/**
 * Keeps the person keys of the previous warehouse version where the persons are the same. The fresh
 * assignment (from linking, keyed by each person's first record) is compared, record by record,
 * with the previous version's vault:
 *
 * <ul>
 *   <li>each previous key goes to the new person holding most of its records (ties: the smallest
 *       fresh key); the other new persons holding some of its records are counted as splits;
 *   <li>a new person receiving several previous keys keeps the one with most records (ties: the
 *       smallest key); the others are counted as merges into it;
 *   <li>a new person receiving none keeps its fresh key, unless that very key is carried by another
 *       person (its first record was split off from the person it began): then it gets {@link
 *       #SPLIT_OFFSET} + its fresh key, still a surrogate of a record position.
 * </ul>
 *
 * Counters {@code keys|kept}, {@code keys|new}, {@code keys|merges}, {@code keys|splits} go to
 * run.json. Every step is a shuffle keyed by record, person or key: no worker holds all records.
 */
public final class CarryPersonKeys
    extends PTransform<PCollection<PersonAssignment>, PCollection<PersonAssignment>> {
  /** Added to the fresh key of a person split off from the record its key was made from. */
  public static final long SPLIT_OFFSET = 10_000_000_000_000_000L;

  public static final String KEPT = "keys|kept";
  public static final String NEW = "keys|new";
  public static final String MERGES = "keys|merges";
  public static final String SPLITS = "keys|splits";

  private static final long NONE = -1;
  private final String previousVault;

  /**
   * @param previousVault glob of the previous version's vault Parquet files
   */
  public CarryPersonKeys(String previousVault) {
    this.previousVault = previousVault;
  }

  @Override
  public PCollection<PersonAssignment> expand(PCollection<PersonAssignment> fresh) {
    KvCoder<String, Long> refKey = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    KvCoder<Long, Long> longs = KvCoder.of(VarLongCoder.of(), VarLongCoder.of());
    KvCoder<Long, KV<Long, Long>> keyed = KvCoder.of(VarLongCoder.of(), longs);
    PCollection<KV<String, Long>> previous =
        fresh
            .getPipeline()
            .apply(
                "ReadPreviousVault", ParquetIO.read(TableSchemas.get("vault")).from(previousVault))
            .apply(
                "PreviousKeyByRef",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via(CarryPersonKeys::previousKey))
            .setCoder(refKey);
    PCollection<KV<String, Long>> current =
        fresh
            .apply(
                "FreshKeyByRef",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via(a -> KV.of(a.recordRef(), a.personKey())))
            .setCoder(refKey);
    TupleTag<Long> freshTag = new TupleTag<>("fresh");
    TupleTag<Long> prevTag = new TupleTag<>("previous");
    // fresh key -> previous key of each record (NONE for records new in this load)
    PCollection<KV<Long, Long>> pairs =
        KeyedPCollectionTuple.of(freshTag, current)
            .and(prevTag, previous)
            .apply("JoinByRecord", Grouping.coGroupByKey())
            .apply("PairKeys", ParDo.of(new PairKeysFn(freshTag, prevTag)))
            .setCoder(longs);
    // previous key -> (fresh key, records): which new persons hold its records
    PCollection<KV<Long, KV<Long, Long>>> holders =
        pairs
            .apply("GroupByFreshKey", Grouping.byKey())
            .apply("CountPreviousKeys", ParDo.of(new CountPreviousFn()))
            .setCoder(keyed);
    // fresh key -> (previous key, records) for the new person that wins each previous key
    PCollection<KV<Long, KV<Long, Long>>> winners =
        holders
            .apply("GroupByPreviousKey", Grouping.byKey())
            .apply("AwardPreviousKeys", ParDo.of(new AwardFn()))
            .setCoder(keyed);
    // fresh key -> final key
    TupleTag<Long> clusterTag = new TupleTag<>("cluster");
    TupleTag<KV<Long, Long>> winTag = new TupleTag<>("win");
    PCollection<KV<Long, Long>> freshKeys =
        pairs
            .apply(
                "FreshKeys",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.longs()))
                    .via(kv -> KV.of(kv.getKey(), kv.getKey())))
            .setCoder(longs);
    PCollection<KV<Long, KV<Long, Long>>> proposed =
        KeyedPCollectionTuple.of(clusterTag, freshKeys)
            .and(winTag, winners)
            .apply("JoinWinners", Grouping.coGroupByKey())
            .apply("ChooseKeys", ParDo.of(new ChooseKeyFn(winTag)))
            .setCoder(keyed);
    // final key -> (fresh key, carried 1/0): resolve a fresh key taken by a carried one
    PCollection<KV<Long, Long>> mapping =
        proposed
            .apply("GroupByFinalKey", Grouping.byKey())
            .apply("ResolveCollisions", ParDo.of(new ResolveFn()))
            .setCoder(longs);
    TupleTag<String> refTag = new TupleTag<>("ref");
    TupleTag<Long> mapTag = new TupleTag<>("map");
    PCollection<KV<Long, String>> refsByFresh =
        fresh
            .apply(
                "RefByFreshKey",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.strings()))
                    .via(a -> KV.of(a.personKey(), a.recordRef())))
            .setCoder(KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of()));
    return KeyedPCollectionTuple.of(refTag, refsByFresh)
        .and(mapTag, mapping)
        .apply("JoinFinalKeys", Grouping.coGroupByKey())
        .apply("AssignFinalKeys", ParDo.of(new AssignFn(refTag, mapTag)))
        .setCoder(LoadCoders.PERSON_ASSIGNMENT);
  }

  static KV<String, Long> previousKey(GenericRecord r) {
    String ref =
        r.get("period")
            + "\u001f"
            + r.get("source")
            + "\u001f"
            + r.get("dataset")
            + "\u001f"
            + r.get("record_id")
            + "\u001f"
            + String.format("%010d", (Long) r.get("row_number"));
    return KV.of(ref, (Long) r.get("person_key"));
  }

  /** For each record of this load: its fresh key and its previous key (or NONE). */
  static final class PairKeysFn extends DoFn<KV<String, CoGbkResult>, KV<Long, Long>> {
    private final TupleTag<Long> freshTag;
    private final TupleTag<Long> prevTag;

    PairKeysFn(TupleTag<Long> freshTag, TupleTag<Long> prevTag) {
      this.freshTag = freshTag;
      this.prevTag = prevTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e, OutputReceiver<KV<Long, Long>> out) {
      Long prev = e.getValue().getOnly(prevTag, NONE);
      for (Long f : e.getValue().getAll(freshTag)) {
        out.output(KV.of(f, prev));
      }
    }
  }

  /** Per new person: how many of its records each previous key held. */
  static final class CountPreviousFn
      extends DoFn<KV<Long, Iterable<Long>>, KV<Long, KV<Long, Long>>> {
    @ProcessElement
    public void process(
        @Element KV<Long, Iterable<Long>> e, OutputReceiver<KV<Long, KV<Long, Long>>> out) {
      Map<Long, Long> counts = new HashMap<>();
      for (Long p : e.getValue()) {
        if (p != NONE) {
          counts.merge(p, 1L, Long::sum);
        }
      }
      counts.forEach((prev, n) -> out.output(KV.of(prev, KV.of(e.getKey(), n))));
    }
  }

  /** Gives each previous key to the new person holding most of its records; counts splits. */
  static final class AwardFn
      extends DoFn<KV<Long, Iterable<KV<Long, Long>>>, KV<Long, KV<Long, Long>>> {
    private final Counter splits = Metrics.counter(LoadCounters.NAMESPACE, SPLITS);

    @ProcessElement
    public void process(
        @Element KV<Long, Iterable<KV<Long, Long>>> e,
        OutputReceiver<KV<Long, KV<Long, Long>>> out) {
      KV<Long, Long> best = null;
      int holders = 0;
      for (KV<Long, Long> h : e.getValue()) {
        holders++;
        if (best == null
            || h.getValue() > best.getValue()
            || (h.getValue().equals(best.getValue()) && h.getKey() < best.getKey())) {
          best = h;
        }
      }
      splits.inc(holders - 1);
      out.output(KV.of(best.getKey(), KV.of(e.getKey(), best.getValue())));
    }
  }

  /** The key of a new person: its best previous key, or its fresh key. (final, (fresh, carried)) */
  static final class ChooseKeyFn extends DoFn<KV<Long, CoGbkResult>, KV<Long, KV<Long, Long>>> {
    private final TupleTag<KV<Long, Long>> winTag;
    private final Counter merges = Metrics.counter(LoadCounters.NAMESPACE, MERGES);

    ChooseKeyFn(TupleTag<KV<Long, Long>> winTag) {
      this.winTag = winTag;
    }

    @ProcessElement
    public void process(
        @Element KV<Long, CoGbkResult> e, OutputReceiver<KV<Long, KV<Long, Long>>> out) {
      KV<Long, Long> best = null;
      int won = 0;
      for (KV<Long, Long> w : e.getValue().getAll(winTag)) {
        won++;
        if (best == null
            || w.getValue() > best.getValue()
            || (w.getValue().equals(best.getValue()) && w.getKey() < best.getKey())) {
          best = w;
        }
      }
      if (best == null) {
        out.output(KV.of(e.getKey(), KV.of(e.getKey(), 0L)));
      } else {
        merges.inc(won - 1);
        out.output(KV.of(best.getKey(), KV.of(e.getKey(), 1L)));
      }
    }
  }

  /** fresh key -> final key; a fresh key taken by a carried previous key moves aside. */
  static final class ResolveFn extends DoFn<KV<Long, Iterable<KV<Long, Long>>>, KV<Long, Long>> {
    private final Counter kept = Metrics.counter(LoadCounters.NAMESPACE, KEPT);
    private final Counter fresh = Metrics.counter(LoadCounters.NAMESPACE, NEW);

    @ProcessElement
    public void process(
        @Element KV<Long, Iterable<KV<Long, Long>>> e, OutputReceiver<KV<Long, Long>> out) {
      List<KV<Long, Long>> all = new ArrayList<>();
      e.getValue().forEach(all::add);
      boolean carried = all.stream().anyMatch(kv -> kv.getValue() == 1L);
      for (KV<Long, Long> kv : all) {
        if (kv.getValue() == 1L) {
          kept.inc();
          out.output(KV.of(kv.getKey(), e.getKey()));
        } else {
          fresh.inc();
          out.output(KV.of(kv.getKey(), carried ? SPLIT_OFFSET + kv.getKey() : e.getKey()));
        }
      }
    }
  }

  /** Every record with its person's final key. */
  static final class AssignFn extends DoFn<KV<Long, CoGbkResult>, PersonAssignment> {
    private final TupleTag<String> refTag;
    private final TupleTag<Long> mapTag;

    AssignFn(TupleTag<String> refTag, TupleTag<Long> mapTag) {
      this.refTag = refTag;
      this.mapTag = mapTag;
    }

    @ProcessElement
    public void process(@Element KV<Long, CoGbkResult> e, OutputReceiver<PersonAssignment> out) {
      long key = e.getValue().getOnly(mapTag);
      for (String ref : e.getValue().getAll(refTag)) {
        out.output(new PersonAssignment(ref, key));
      }
    }
  }

  static TypeDescriptor<KV<Long, Long>> longPairs() {
    return TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.longs());
  }
}
