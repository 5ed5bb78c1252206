package org.victimmonitor.link;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Term frequencies without the terms: for each term-frequency field (the names), records whose
 * filters are identical carry the same value (the encoding is deterministic under one key), so the
 * number of records sharing a record's filter is the frequency of its value. One shuffle per field,
 * keyed by the filter; a worker holds only the records of one value at a time, never all records.
 * Records missing the field pass by unchanged.
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
    PCollection<LinkRecord> out = records;
    for (int field : bloomFields) {
      TupleTag<KV<String, LinkRecord>> keyed = new TupleTag<>("keyed" + field);
      TupleTag<LinkRecord> missing = new TupleTag<>("missing" + field);
      PCollectionTuple split =
          out.apply(
              "KeyByValue" + field,
              ParDo.of(new KeyByValueFn(field, keyed, missing))
                  .withOutputTags(keyed, TupleTagList.of(missing)));
      PCollection<LinkRecord> counted =
          split
              .get(keyed)
              .setCoder(KvCoder.of(StringUtf8Coder.of(), LinkRecordCoder.of()))
              .apply("GroupByValue" + field, GroupByKey.create())
              .apply("SetFrequency" + field, ParDo.of(new SetFrequencyFn(field)))
              .setCoder(LinkRecordCoder.of());
      out =
          PCollectionList.of(counted)
              .and(split.get(missing).setCoder(LinkRecordCoder.of()))
              .apply("WithFrequency" + field, Flatten.pCollections())
              .setCoder(LinkRecordCoder.of());
    }
    return out;
  }

  /** Keys a record by its filter for the field, or passes it on when the field is missing. */
  static final class KeyByValueFn extends DoFn<LinkRecord, KV<String, LinkRecord>> {
    private final int field;
    private final TupleTag<KV<String, LinkRecord>> keyed;
    private final TupleTag<LinkRecord> missing;

    KeyByValueFn(int field, TupleTag<KV<String, LinkRecord>> keyed, TupleTag<LinkRecord> missing) {
      this.field = field;
      this.keyed = keyed;
      this.missing = missing;
    }

    @ProcessElement
    public void process(@Element LinkRecord r, MultiOutputReceiver out) {
      long[] f = r.filters()[field];
      if (f == null) {
        out.get(missing).output(r);
        return;
      }
      StringBuilder key = new StringBuilder(f.length * 16);
      for (long w : f) {
        key.append(Long.toHexString(w)).append('.');
      }
      out.get(keyed).output(KV.of(key.toString(), r));
    }
  }

  /** Sets the group's size as the frequency of the field on each of its records. */
  static final class SetFrequencyFn extends DoFn<KV<String, Iterable<LinkRecord>>, LinkRecord> {
    private final int field;

    SetFrequencyFn(int field) {
      this.field = field;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<LinkRecord>> group, OutputReceiver<LinkRecord> out) {
      List<LinkRecord> all = new ArrayList<>();
      group.getValue().forEach(all::add);
      for (LinkRecord r : all) {
        int[] f = r.frequencies().clone();
        f[field] = all.size();
        out.output(r.withFrequencies(f));
      }
    }
  }
}
