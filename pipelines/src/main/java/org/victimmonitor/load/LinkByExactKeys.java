package org.victimmonitor.load;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.victimmonitor.common.Grouping;

/**
 * A simple, exact linker until the probabilistic engine lands: records sharing any non-empty keyed
 * match key ({@code mk_*}) are one person. The persons are the connected components of the
 * record–key graph, found distributedly by min-label propagation: every record starts with its own
 * label (its ordered reference with its candidate person key), and each round every key passes the
 * smallest label of its records to all of them. A round moves labels one record-hop, so {@code
 * rounds} bounds the diameter of a person's component; the load fails when labels still changed in
 * the last round (counter {@link LoadCounters#LINK_CHANGED_LAST_ROUND}). The person key is that of
 * the smallest record ({@link PersonKeys}).
 */
public final class LinkByExactKeys extends LinkPersons {
  private final int rounds;
  private final int buckets;

  public LinkByExactKeys(int rounds, int buckets) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1");
    }
    this.rounds = rounds;
    this.buckets = buckets;
  }

  @Override
  public String method() {
    return "LinkByExactKeys: records sharing any non-empty mk_* key are one person"
        + " (connected components by min-label propagation)";
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("keys", "mk_*", "rounds", rounds);
  }

  /** A record in the graph: its current label and its match keys ({@code column=value}). */
  public record Node(String label, List<String> keys) implements Serializable {
    /** The number of keys, never the keys (tokens must not reach a log). */
    @Override
    public String toString() {
      return "Node[" + keys.size() + " keys]";
    }
  }

  /** What a record receives in a round: its own node, or a label proposed by one of its keys. */
  public record LabelUpdate(Node node, String proposal) implements Serializable {}

  @Override
  public PCollection<PersonAssignment> expand(PCollection<StandardRecord> records) {
    var nodeCoder = KvCoder.of(StringUtf8Coder.of(), LoadCoders.NODE);
    var updateCoder = KvCoder.of(StringUtf8Coder.of(), LoadCoders.LABEL_UPDATE);
    var edgeCoder =
        KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    PCollection<KV<String, Node>> nodes =
        records
            .apply(
                "StartLabels",
                MapElements.into(new TypeDescriptor<KV<String, Node>>() {})
                    .via(r -> KV.of(r.ref(), new Node(PersonKeys.label(r), matchKeys(r)))))
            .setCoder(nodeCoder);
    for (int round = 1; round <= rounds; round++) {
      PCollection<KV<String, LabelUpdate>> proposals =
          nodes
              .apply("EmitKeys" + round, ParDo.of(new EmitKeyLabelsFn()))
              .setCoder(edgeCoder)
              .apply("GroupByMatchKey" + round, Grouping.inBuckets(buckets))
              .apply("ProposeLabels" + round, ParDo.of(new ProposeLabelsFn()))
              .setCoder(updateCoder);
      PCollection<KV<String, LabelUpdate>> own =
          nodes
              .apply(
                  "OwnLabels" + round,
                  MapElements.into(new TypeDescriptor<KV<String, LabelUpdate>>() {})
                      .via(kv -> KV.of(kv.getKey(), new LabelUpdate(kv.getValue(), null))))
              .setCoder(updateCoder);
      nodes =
          PCollectionList.of(own)
              .and(proposals)
              .apply("Collect" + round, Flatten.pCollections())
              .apply("GroupByRecord" + round, Grouping.inBuckets(buckets))
              .apply("UpdateLabels" + round, ParDo.of(new UpdateLabelFn(round == rounds)))
              .setCoder(nodeCoder);
    }
    return nodes
        .apply(
            "AssignPersons",
            MapElements.into(TypeDescriptor.of(PersonAssignment.class))
                .via(
                    kv ->
                        new PersonAssignment(kv.getKey(), PersonKeys.keyOf(kv.getValue().label()))))
        .setCoder(LoadCoders.PERSON_ASSIGNMENT);
  }

  private static List<String> matchKeys(StandardRecord r) {
    List<String> keys = new ArrayList<>();
    r.tokens()
        .forEach(
            (col, value) -> {
              if (col.startsWith("mk_")) {
                keys.add(col + "=" + value);
              }
            });
    return List.copyOf(keys);
  }
}
