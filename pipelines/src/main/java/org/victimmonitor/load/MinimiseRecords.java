package org.victimmonitor.load;

import java.io.Serializable;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.victimmonitor.common.Grouping;

/**
 * Attaches each record's person and applies data minimisation (ARCHITECTURE.md §6): police
 * victimisation and suspect records of persons with no registration record are dropped here and
 * only counted, per delivery. Input: the {@link #RECORDS} and their {@link #ASSIGNMENTS}.
 */
public final class MinimiseRecords extends PTransform<PCollectionTuple, PCollection<LinkedRecord>> {
  public static final TupleTag<StandardRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<PersonAssignment> ASSIGNMENTS = new TupleTag<>() {};

  /** A record or its assignment, met by record reference. */
  public record RecordOrPerson(StandardRecord record, PersonAssignment person)
      implements Serializable {}

  private final int buckets;

  public MinimiseRecords(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public PCollection<LinkedRecord> expand(PCollectionTuple input) {
    var joinCoder = KvCoder.of(StringUtf8Coder.of(), LoadCoders.RECORD_OR_PERSON);
    var linkedCoder = KvCoder.of(StringUtf8Coder.of(), LoadCoders.LINKED_RECORD);
    PCollection<KV<String, RecordOrPerson>> records =
        input
            .get(RECORDS)
            .apply(
                "KeyRecords",
                MapElements.into(new TypeDescriptor<KV<String, RecordOrPerson>>() {})
                    .via(r -> KV.of(r.ref(), new RecordOrPerson(r, null))))
            .setCoder(joinCoder);
    PCollection<KV<String, RecordOrPerson>> assignments =
        input
            .get(ASSIGNMENTS)
            .apply(
                "KeyAssignments",
                MapElements.into(new TypeDescriptor<KV<String, RecordOrPerson>>() {})
                    .via(a -> KV.of(a.recordRef(), new RecordOrPerson(null, a))))
            .setCoder(joinCoder);
    return PCollectionList.of(records)
        .and(assignments)
        .apply("Collect", Flatten.pCollections())
        .apply("GroupByRecord", Grouping.inBuckets(buckets))
        .apply("AttachPerson", ParDo.of(new AttachPersonFn()))
        .setCoder(LoadCoders.LINKED_RECORD)
        .apply(
            "KeyByPerson",
            MapElements.into(new TypeDescriptor<KV<String, LinkedRecord>>() {})
                .via(r -> KV.of(Long.toString(r.personKey()), r)))
        .setCoder(linkedCoder)
        .apply("GroupByPerson", Grouping.inBuckets(buckets))
        .apply("MinimisePerson", ParDo.of(new MinimisePersonFn()))
        .setCoder(LoadCoders.LINKED_RECORD);
  }
}
