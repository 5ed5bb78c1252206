package org.victimmonitor.link;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.victimmonitor.common.Grouping;
import org.victimmonitor.pseudonymise.LinkageSchema;

/** Reads the records of delivery folders (one worker per delivery) into {@link LinkRecord}s. */
public final class ReadLinkRecords extends PTransform<PBegin, PCollection<LinkRecord>> {
  private final List<String> folders;
  private final String schemaId;

  public ReadLinkRecords(List<Path> folders, String schemaId) {
    this.folders = folders.stream().map(p -> p.toAbsolutePath().toString()).toList();
    this.schemaId = schemaId;
  }

  @Override
  public PCollection<LinkRecord> expand(PBegin input) {
    return Grouping.spread("SpreadDeliveries", input.apply("ListDeliveries", Create.of(folders)))
        .apply("ParseRecords", ParDo.of(new ParseRecordsFn(schemaId)))
        .setCoder(LinkRecordCoder.of());
  }

  /** Parses one delivery folder. */
  static final class ParseRecordsFn extends DoFn<String, LinkRecord> {
    private final String schemaId;
    private transient LinkageSchema schema;

    ParseRecordsFn(String schemaId) {
      this.schemaId = schemaId;
    }

    @Setup
    public void setup() throws IOException {
      schema = LinkageSchema.load(schemaId);
    }

    @ProcessElement
    public void process(@Element String folder, OutputReceiver<LinkRecord> out) throws IOException {
      DeliveryRecords.read(
          Path.of(folder),
          schema,
          r -> {
            out.output(r);
            LinkProgress.READ.incrementAndGet();
          });
    }
  }
}
