package org.victimmonitor.load;

import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.victimmonitor.common.Grouping;

/**
 * Builds the star schema (ARCHITECTURE.md §4.4) from the linked, minimised records: one fact row
 * per record, dim_person per person, dim_date over the years the facts use, and the reference
 * dimensions from the code lists, the source catalog and the municipality list. Output: one {@link
 * GenericRecord} collection per table, tagged {@link StarSchema#tag}.
 */
public final class BuildStarSchema extends PTransform<PCollection<LinkedRecord>, PCollectionTuple> {
  private final int buckets;

  public BuildStarSchema(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public PCollectionTuple expand(PCollection<LinkedRecord> records) {
    var p = records.getPipeline();
    List<TupleTag<?>> others =
        TableSchemas.FACTS.stream().skip(1).<TupleTag<?>>map(StarSchema::tag).toList();
    PCollectionTuple facts =
        records.apply(
            "ToFactRows",
            ParDo.of(new ToFactRowFn())
                .withOutputTags(
                    StarSchema.tag(TableSchemas.FACTS.get(0)), TupleTagList.of(others)));
    PCollectionTuple out = PCollectionTuple.empty(p);
    for (String t : TableSchemas.FACTS) {
      out = out.and(StarSchema.tag(t), facts.get(StarSchema.tag(t)).setCoder(coder(t)));
    }
    out =
        out.and(
            StarSchema.tag("dim_person"),
            records
                .apply(
                    "KeyByPerson",
                    WithKeys.of((LinkedRecord r) -> Long.toString(r.personKey()))
                        .withKeyType(TypeDescriptors.strings()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), LoadCoders.LINKED_RECORD))
                .apply("GroupByPerson", Grouping.inBuckets(buckets))
                .apply("SummarisePerson", ParDo.of(new SummarisePersonFn()))
                .setCoder(coder("dim_person")));
    out =
        out.and(
            StarSchema.tag("dim_date"),
            records
                .apply("SpanYears", Combine.globally(new YearSpanFn()).withoutDefaults())
                .apply("ExpandCalendar", ParDo.of(new ExpandCalendarFn()))
                .setCoder(coder("dim_date")));
    for (String t :
        List.of(
            "dim_source",
            "dim_municipality",
            "dim_exploitation_form",
            "dim_crime_type",
            "dim_support_type")) {
      out =
          out.and(
              StarSchema.tag(t),
              p.apply("List_" + t, Create.of(ReferenceDimensions.rows(t)).withCoder(coder(t))));
    }
    return out;
  }

  static AvroCoder<GenericRecord> coder(String table) {
    return AvroCoder.of(TableSchemas.get(table));
  }
}
