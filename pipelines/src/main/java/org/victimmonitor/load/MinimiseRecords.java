package org.victimmonitor.load;

import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.victimmonitor.common.Grouping;

/**
 * Attaches each record's person and applies data minimisation (ARCHITECTURE.md §6): police
 * victimisation and suspect records of persons with no registration record are dropped here and
 * only counted, per delivery. Input: the {@link #RECORDS} and their {@link #ASSIGNMENTS}.
 *
 * <p>Which records stay is decided per person from the assignments alone (a record's reference
 * names its source and dataset, and so its role), so only small (person, reference) pairs are
 * shuffled. The references and person keys of the records that stay, the monitor population's
 * records, reach every worker as a side input; the records themselves are read once against it and
 * never shuffled. At national scale 25,345 of 1,125,136 records stay.
 *
 * <p>This bends ARCHITECTURE.md §5 ("no step may collect all records onto one worker") on purpose:
 * every worker gets the references and person keys of the records that stay, about 2 MB at national
 * scale, never the records, and never the police records of people outside the population. Should
 * the monitor population outgrow a worker's memory, joining the records with the kept pairs by
 * reference is the fallback (it costs two shuffles of every record).
 */
public final class MinimiseRecords extends PTransform<PCollectionTuple, PCollection<LinkedRecord>> {
  public static final TupleTag<StandardRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<PersonAssignment> ASSIGNMENTS = new TupleTag<>() {};

  private final int buckets;

  public MinimiseRecords(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public PCollection<LinkedRecord> expand(PCollectionTuple input) {
    PCollectionView<Map<String, Iterable<Long>>> kept =
        input
            .get(ASSIGNMENTS)
            .apply(
                "KeyByPerson",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.strings()))
                    .via(a -> KV.of(a.personKey(), a.recordRef())))
            .setCoder(KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of()))
            .apply("GroupByPerson", Grouping.inBuckets(buckets))
            .apply("MinimisePerson", ParDo.of(new MinimisePersonFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
            .apply("KeptRecords", View.asMultimap());
    return input
        .get(RECORDS)
        .apply("AttachPerson", ParDo.of(new AttachPersonFn(kept)).withSideInputs(kept))
        .setCoder(LoadCoders.LINKED_RECORD);
  }
}
