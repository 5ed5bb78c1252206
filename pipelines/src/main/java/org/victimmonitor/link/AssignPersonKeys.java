package org.victimmonitor.link;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
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
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.victimmonitor.common.Grouping;

/**
 * Replaces each record's cluster root by the cluster's person key. Without a previous mapping the
 * key is {@link PersonKeys#of} the root (the smallest member). With the previous run's {@code
 * clusters.csv} lines, previous keys are kept where the records are the same person:
 *
 * <ul>
 *   <li>each previous key goes to the new cluster holding most of its records (ties: the smallest
 *       root); the other clusters with its records are recorded as {@code split};
 *   <li>a cluster that receives several previous keys keeps the one with most records (ties: the
 *       smallest key); the others are recorded as {@code merge} into it;
 *   <li>a cluster that receives none gets {@link PersonKeys#of} its root, or {@link
 *       PersonKeys#afterSplit} when that value is a previous key it lost.
 * </ul>
 *
 * Outputs the keyed memberships ({@link #KEYED}) and change lines {@code
 * change,previous_key,person_key} ({@link #CHANGES}).
 */
public final class AssignPersonKeys extends PTransform<PCollection<Membership>, PCollectionTuple> {
  public static final TupleTag<Membership> KEYED = new TupleTag<>() {};
  public static final TupleTag<String> CHANGES = new TupleTag<>() {};
  static final String CLUSTERS_HEADER = "source,dataset,record_id,person_key";

  private final PCollection<String> previousLines;

  /**
   * @param previousLines lines of a previous clusters.csv, or null for none
   */
  public AssignPersonKeys(PCollection<String> previousLines) {
    this.previousLines = previousLines;
  }

  @Override
  public PCollectionTuple expand(PCollection<Membership> members) {
    if (previousLines == null) {
      PCollection<Membership> keyed =
          members
              .apply(
                  "DeriveKeys",
                  MapElements.into(TypeDescriptor.of(Membership.class))
                      .via(m -> new Membership(m.node(), PersonKeys.of(m.cluster()))))
              .setCoder(Membership.Coder.of());
      PCollection<String> none =
          members
              .getPipeline()
              .apply(
                  "NoChanges", org.apache.beam.sdk.transforms.Create.empty(StringUtf8Coder.of()));
      return PCollectionTuple.of(KEYED, keyed).and(CHANGES, none);
    }
    KvCoder<String, String> kv = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollection<KV<String, String>> previous =
        previousLines.apply("ParsePrevious", ParDo.of(new ParsePreviousFn())).setCoder(kv);
    PCollection<KV<String, String>> current =
        members
            .apply(
                "ByRecord",
                MapElements.into(
                        org.apache.beam.sdk.values.TypeDescriptors.kvs(
                            org.apache.beam.sdk.values.TypeDescriptors.strings(),
                            org.apache.beam.sdk.values.TypeDescriptors.strings()))
                    .via(m -> KV.of(shortId(m.node()), m.node() + '\n' + m.cluster())))
            .setCoder(kv);
    TupleTag<String> prevTag = new TupleTag<>();
    TupleTag<String> curTag = new TupleTag<>();
    // Previous key -> roots of the new clusters holding its records
    PCollection<KV<String, String>> votes =
        KeyedPCollectionTuple.of(prevTag, previous)
            .and(curTag, current)
            .apply("JoinPrevious", Grouping.coGroupByKey())
            .apply("PreviousKeyToRoot", ParDo.of(new VoteFn(prevTag, curTag)))
            .setCoder(kv)
            .apply("GroupByPreviousKey", Grouping.byKey())
            .apply("AwardPreviousKeys", ParDo.of(new AwardFn()))
            .setCoder(kv);
    TupleTag<String> voteTag = new TupleTag<>();
    TupleTag<String> memberTag = new TupleTag<>();
    PCollection<KV<String, String>> byRoot =
        members
            .apply(
                "ByRoot",
                MapElements.into(
                        org.apache.beam.sdk.values.TypeDescriptors.kvs(
                            org.apache.beam.sdk.values.TypeDescriptors.strings(),
                            org.apache.beam.sdk.values.TypeDescriptors.strings()))
                    .via(m -> KV.of(m.cluster(), m.node())))
            .setCoder(kv);
    PCollectionTuple out =
        KeyedPCollectionTuple.of(voteTag, votes)
            .and(memberTag, byRoot)
            .apply("JoinClusters", Grouping.coGroupByKey())
            .apply(
                "ChooseKeys",
                ParDo.of(new ChooseKeyFn(voteTag, memberTag))
                    .withOutputTags(KEYED, TupleTagList.of(CHANGES)));
    out.get(KEYED).setCoder(Membership.Coder.of());
    out.get(CHANGES).setCoder(StringUtf8Coder.of());
    return out;
  }

  /** source TAB dataset TAB record_id: what clusters.csv identifies a record by. */
  static String shortId(String node) {
    String[] p = LinkRecord.parts(node);
    return p[0] + LinkRecord.SEP + p[1] + LinkRecord.SEP + p[3];
  }

  /** A previous clusters.csv line into (record, previous key); skips the header. */
  static final class ParsePreviousFn extends DoFn<String, KV<String, String>> {
    @ProcessElement
    public void process(@Element String line, OutputReceiver<KV<String, String>> out)
        throws IOException {
      if (line.isBlank() || line.equals(CLUSTERS_HEADER)) {
        return;
      }
      List<CSVRecord> recs = CSVFormat.DEFAULT.parse(new StringReader(line)).getRecords();
      CSVRecord r = recs.get(0);
      if (r.size() != 4) {
        throw new org.victimmonitor.common.BadInputException(
            "previous mapping: a line has " + r.size() + " columns, expected " + CLUSTERS_HEADER);
      }
      out.output(KV.of(r.get(0) + LinkRecord.SEP + r.get(1) + LinkRecord.SEP + r.get(2), r.get(3)));
    }
  }

  /** For a record present before and now: (previous key, current root). */
  static final class VoteFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    private final TupleTag<String> prevTag;
    private final TupleTag<String> curTag;

    VoteFn(TupleTag<String> prevTag, TupleTag<String> curTag) {
      this.prevTag = prevTag;
      this.curTag = curTag;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> g, OutputReceiver<KV<String, String>> out) {
      String prev = null;
      for (String p : g.getValue().getAll(prevTag)) {
        prev = p;
      }
      if (prev == null) {
        return;
      }
      for (String cur : g.getValue().getAll(curTag)) {
        out.output(KV.of(prev, cur.substring(cur.indexOf('\n') + 1)));
      }
    }
  }

  /**
   * Per previous key, the root that wins it; emits (root, "W|count|key") for the winner and (root,
   * "L|count|key") for the other clusters holding its records.
   */
  static final class AwardFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> g, OutputReceiver<KV<String, String>> out) {
      Map<String, Long> counts = new HashMap<>();
      g.getValue().forEach(root -> counts.merge(root, 1L, Long::sum));
      String winner = null;
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        if (winner == null
            || e.getValue() > counts.get(winner)
            || (e.getValue().equals(counts.get(winner)) && e.getKey().compareTo(winner) < 0)) {
          winner = e.getKey();
        }
      }
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        String tag = e.getKey().equals(winner) ? "W" : "L";
        out.output(KV.of(e.getKey(), tag + "|" + e.getValue() + "|" + g.getKey()));
      }
    }
  }

  /** Chooses each cluster's key and records merges and splits. */
  static final class ChooseKeyFn extends DoFn<KV<String, CoGbkResult>, Membership> {
    private final TupleTag<String> voteTag;
    private final TupleTag<String> memberTag;
    private final Counter kept = Metrics.counter(LinkJob.METRICS, "person_keys_kept");
    private final Counter fresh = Metrics.counter(LinkJob.METRICS, "person_keys_new");
    private final Counter merges = Metrics.counter(LinkJob.METRICS, "person_key_merges");
    private final Counter splits = Metrics.counter(LinkJob.METRICS, "person_key_splits");

    ChooseKeyFn(TupleTag<String> voteTag, TupleTag<String> memberTag) {
      this.voteTag = voteTag;
      this.memberTag = memberTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> g, MultiOutputReceiver out) {
      String root = g.getKey();
      List<String[]> won = new ArrayList<>();
      List<String> lost = new ArrayList<>();
      for (String v : g.getValue().getAll(voteTag)) {
        String[] p = v.split("\\|", 3);
        if (p[0].equals("W")) {
          won.add(p);
        } else {
          lost.add(p[2]);
        }
      }
      String key;
      if (!won.isEmpty()) {
        won.sort(
            (a, b) -> {
              int c = Long.compare(Long.parseLong(b[1]), Long.parseLong(a[1]));
              return c != 0 ? c : a[2].compareTo(b[2]);
            });
        key = won.get(0)[2];
        kept.inc();
        for (int i = 1; i < won.size(); i++) {
          merges.inc();
          out.get(CHANGES).output("merge," + won.get(i)[2] + "," + key);
        }
      } else {
        key = PersonKeys.of(root);
        if (lost.contains(key)) {
          key = PersonKeys.afterSplit(root, key);
        }
        fresh.inc();
      }
      for (String l : lost) {
        splits.inc();
        out.get(CHANGES).output("split," + l + "," + key);
      }
      for (String node : g.getValue().getAll(memberTag)) {
        out.get(KEYED).output(new Membership(node, key));
      }
    }
  }
}
