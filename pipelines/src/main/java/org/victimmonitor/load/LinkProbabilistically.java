package org.victimmonitor.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.victimmonitor.link.Block;
import org.victimmonitor.link.BlockRecords;
import org.victimmonitor.link.ClusterPersons;
import org.victimmonitor.link.CompareCandidates;
import org.victimmonitor.link.ComparedPair;
import org.victimmonitor.link.CountValueFrequencies;
import org.victimmonitor.link.EstimateModel;
import org.victimmonitor.link.LinkConfig;
import org.victimmonitor.link.LinkRecord;
import org.victimmonitor.link.LinkRecordCoder;
import org.victimmonitor.link.LinkageModel;
import org.victimmonitor.link.Membership;
import org.victimmonitor.link.ModelJson;
import org.victimmonitor.link.RecordTotals;
import org.victimmonitor.link.ScoreLinks;
import org.victimmonitor.pseudonymise.BloomEncoder;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * The probabilistic linker of package {@code link} behind the load's {@link LinkPersons} contract:
 * value frequencies → blocking → comparison → Fellegi–Sunter model fitted by EM on the pattern
 * counts → scored links with the hard-evidence and chaining guards → connected components by
 * large-star/small-star rounds (docs/linkage.md). The fitted model is written as JSON to {@code
 * modelFile} and copied into run.json.
 *
 * <p>Person keys stay the load's surrogates ({@link PersonKeys}): each record enters the engine
 * with a node id ordered like its {@link StandardRecord#ref()} (period first), so the component's
 * root is the person's first record, whose position is the key. No token or hash goes into a key.
 */
public final class LinkProbabilistically extends LinkPersons {
  /** Separator inside the node's record-id part: row number and source key after the record id. */
  private static final char PART = '\u001f';

  private final String schemaId;
  private final LinkConfig config;
  private final String modelFile;

  public LinkProbabilistically(String schemaId, LinkConfig config, String modelFile) {
    this.schemaId = schemaId;
    this.config = config;
    this.modelFile = modelFile;
  }

  @Override
  public String method() {
    return "LinkProbabilistically: Fellegi-Sunter model fitted by EM over token comparisons,"
        + " chaining and hard-evidence guards, connected components (docs/linkage.md)";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("linkage_schema", schemaId);
    m.put("threshold", config.threshold());
    m.put("strong_threshold", config.strongThreshold());
    m.put("max_block_size", config.blocking().maxBlockSize());
    m.put("max_cluster_size", config.maxClusterSize());
    m.put("star_rounds", config.starRounds());
    m.put("blocking_rules", config.blocking().rules().stream().map(r -> r.name()).toList());
    return m;
  }

  @Override
  public String modelFile() {
    return modelFile;
  }

  @Override
  public PCollection<PersonAssignment> expand(PCollection<StandardRecord> standard) {
    PCollection<LinkRecord> records =
        standard
            .apply("ToLinkRecords", ParDo.of(new ToLinkRecordFn(schemaId)))
            .setCoder(LinkRecordCoder.of())
            .apply(
                "CountValueFrequencies",
                new CountValueFrequencies(CountValueFrequencies.fieldsOf(config.comparisons())));
    // The record count and value-frequency sums, in one pass over the records
    RecordTotals totals = RecordTotals.of(records);
    PCollection<Block> blocks =
        records.apply("BlockRecords", new BlockRecords(config.blocking(), totals.count()));
    PCollection<ComparedPair> pairs =
        blocks.apply(
            "CompareCandidates", new CompareCandidates(config.comparisons(), config.blocking()));
    PCollection<LinkageModel> model =
        pairs.apply("EstimateModel", new EstimateModel(config, records, totals));
    PCollectionView<LinkageModel> modelView = model.apply("ModelView", View.asSingleton());
    // the chaining guard and the clustering key records by the same salted fingerprints, so
    // that the clustering's collision count covers both (a collision publishes nothing)
    long salt = 0L;
    PCollection<ComparedPair> links =
        pairs.apply("ScoreLinks", new ScoreLinks(modelView, config.strongThreshold(), salt));
    PCollection<Membership> clusters =
        links.apply(
            "ClusterPersons",
            new ClusterPersons(records, config.starRounds(), config.maxClusterSize(), salt));
    model
        .apply("FormatModel", MapElements.into(TypeDescriptors.strings()).via(ModelJson::write))
        .apply("WriteModel", TextIO.write().to(modelFile).withoutSharding());
    return clusters
        .apply(
            "AssignPersons",
            MapElements.into(TypeDescriptor.of(PersonAssignment.class))
                .via(LinkProbabilistically::assignment))
        .setCoder(LoadCoders.PERSON_ASSIGNMENT);
  }

  /**
   * The record's ref and the key of its cluster's root (the person's first record); counted in the
   * console's "linked" tally.
   */
  static PersonAssignment assignment(Membership m) {
    LoadProgress.LINKED.incrementAndGet();
    return new PersonAssignment(ref(m.node()), keyOfNode(m.cluster()));
  }

  /**
   * Node id of a record: {@code period TAB source TAB dataset TAB record_id US row US source_key},
   * so that node order is ref order.
   */
  static String nodeRecordId(StandardRecord r) {
    return r.recordId() + PART + String.format("%010d", r.rowNumber()) + PART + r.sourceKey();
  }

  static String ref(String node) {
    String[] p = LinkRecord.parts(node);
    String[] id = p[3].split(String.valueOf(PART), -1);
    return p[0] + PART + p[1] + PART + p[2] + PART + id[0] + PART + id[1];
  }

  static long keyOfNode(String node) {
    String[] p = LinkRecord.parts(node);
    String[] id = p[3].split(String.valueOf(PART), -1);
    return PersonKeys.of(Integer.parseInt(id[2]), p[0], Long.parseLong(id[1]));
  }

  /** A standardised record as the engine sees it: tokens by the linkage schema's order. */
  static final class ToLinkRecordFn extends DoFn<StandardRecord, LinkRecord> {
    private final String schemaId;
    private transient List<String> keyColumns;
    private transient List<String> bloomColumns;

    ToLinkRecordFn(String schemaId) {
      this.schemaId = schemaId;
    }

    @Setup
    public void setup() {
      LinkageSchema schema;
      try {
        schema = LinkageSchema.load(schemaId);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      keyColumns = schema.matchKeys().stream().map(k -> "mk_" + k.name()).toList();
      bloomColumns =
          schema.fields().stream()
              .filter(f -> f.bloom() != null)
              .map(f -> "bf_" + f.name())
              .toList();
    }

    @ProcessElement
    public void process(@Element StandardRecord r, OutputReceiver<LinkRecord> out) {
      String[] keys = new String[keyColumns.size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = LinkRecord.shortKey(r.tokens().get(keyColumns.get(i)));
      }
      long[][] filters = new long[bloomColumns.size()][];
      for (int i = 0; i < filters.length; i++) {
        String b = r.tokens().get(bloomColumns.get(i));
        filters[i] = b == null ? null : BloomEncoder.fromBase64(b);
      }
      String[] attributes = new String[LinkRecord.ATTRIBUTES.size()];
      attributes[0] = r.nationality();
      attributes[1] = r.municipality();
      out.output(
          new LinkRecord(
              r.period(),
              r.source(),
              r.dataset(),
              nodeRecordId(r),
              keys,
              filters,
              r.sex(),
              r.birthYear() == null ? 0 : r.birthYear(),
              attributes,
              new int[filters.length]));
    }
  }
}
