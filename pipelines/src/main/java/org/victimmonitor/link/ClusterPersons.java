package org.victimmonitor.link;

import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.victimmonitor.common.Grouping;

/**
 * Connected components of the links, as a distributed algorithm: alternating large-star and
 * small-star rounds (Kiveris et al., "Connected Components in MapReduce and Beyond", 2014). Each
 * round is one shuffle over the edges grouped by node, so no worker ever holds more than one node's
 * neighbours. After the rounds every component must be a star around its smallest node; a check
 * counts the nodes where it is not ({@code unconverged_nodes}), and the job is re-run with more
 * rounds when any are left. Every record gets a {@link Membership} with its component's smallest
 * node id; records without links are their own cluster. Cluster sizes are counted, and clusters
 * over the size limit are reported as oversized.
 */
public final class ClusterPersons
    extends PTransform<PCollection<ComparedPair>, PCollection<Membership>> {
  private final PCollection<LinkRecord> records;
  private final int rounds;
  private final int maxClusterSize;

  public ClusterPersons(PCollection<LinkRecord> records, int rounds, int maxClusterSize) {
    this.records = records;
    this.rounds = rounds;
    this.maxClusterSize = maxClusterSize;
  }

  @Override
  public PCollection<Membership> expand(PCollection<ComparedPair> links) {
    // Node ids as keys with a hash prefix, so that the engine's sorts decide on their first bytes.
    KvCoder<String, String> edgeCoder = KvCoder.of(NodeKeyCoder.of(), StringUtf8Coder.of());
    PCollection<KV<String, String>> edges =
        links
            .apply(
                "ToEdges",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via(p -> KV.of(p.left(), p.right())))
            .setCoder(edgeCoder);
    for (int r = 1; r <= rounds; r++) {
      edges =
          edges
              .apply("LargeStarNeighbours" + r, ParDo.of(new BothDirectionsFn()))
              .setCoder(edgeCoder)
              .apply("GroupLargeStar" + r, Grouping.byKey())
              .apply("LargeStar" + r, ParDo.of(new LargeStarFn()))
              .setCoder(edgeCoder)
              .apply("SmallStarNeighbours" + r, ParDo.of(new LargerToSmallerFn()))
              .setCoder(edgeCoder)
              .apply("GroupSmallStar" + r, Grouping.byKey())
              .apply("SmallStar" + r, ParDo.of(new SmallStarFn()))
              .setCoder(edgeCoder);
    }
    edges
        .apply("StarRoles", ParDo.of(new StarRolesFn()))
        .setCoder(edgeCoder)
        .apply("GroupRoles", Grouping.byKey())
        .apply("CheckStars", ParDo.of(new CheckStarsFn()));

    // Node -> smallest node of its star (min also resolves a node left unconverged).
    PCollection<KV<String, String>> roots =
        edges
            .apply("NodeToRoot", ParDo.of(new NodeToRootFn()))
            .setCoder(edgeCoder)
            .apply(
                "SmallestRoot",
                Grouping.combinePerKey(Combine.IterableCombineFn.of(ClusterPersons::min)));
    PCollection<KV<String, String>> all =
        records
            .apply(
                "RecordIds",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via(r -> KV.of(r.id(), r.id())))
            .setCoder(edgeCoder);
    TupleTag<String> rootTag = new TupleTag<>();
    TupleTag<String> selfTag = new TupleTag<>();
    PCollection<Membership> members =
        KeyedPCollectionTuple.of(rootTag, roots)
            .and(selfTag, all)
            .apply("JoinRecords", Grouping.coGroupByKey())
            .apply("AssignRoots", ParDo.of(new AssignRootFn(rootTag, selfTag)))
            .setCoder(Membership.Coder.of());
    members
        .apply("ClusterOf", MapElements.into(TypeDescriptors.strings()).via(Membership::cluster))
        .setCoder(NodeKeyCoder.of())
        .apply("CountClusterSizes", Grouping.countPerElement())
        .apply("ReportClusterSizes", ParDo.of(new ReportClusterSizesFn(maxClusterSize)));
    return members;
  }

  static String min(Iterable<String> xs) {
    String m = null;
    for (String x : xs) {
      if (m == null || x.compareTo(m) < 0) {
        m = x;
      }
    }
    return m;
  }

  /** Each undirected edge in both directions. */
  static final class BothDirectionsFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      out.output(e);
      out.output(KV.of(e.getValue(), e.getKey()));
    }
  }

  /** Each edge keyed by its larger end, valued by its smaller end. */
  static final class LargerToSmallerFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      String a = e.getKey();
      String b = e.getValue();
      out.output(a.compareTo(b) > 0 ? e : KV.of(b, a));
    }
  }

  /** Large star: connect every larger neighbour of u to the smallest node of u's neighbourhood. */
  static final class LargeStarFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> g, OutputReceiver<KV<String, String>> out) {
      String u = g.getKey();
      TreeSet<String> neighbours = new TreeSet<>();
      g.getValue().forEach(neighbours::add);
      neighbours.remove(u);
      String m =
          neighbours.isEmpty() || u.compareTo(neighbours.first()) < 0 ? u : neighbours.first();
      for (String v : neighbours.tailSet(u, false)) {
        out.output(KV.of(v, m));
      }
    }
  }

  /**
   * Small star: connect u and all its smaller neighbours to the smallest of them (the key is the
   * larger end, the values its smaller neighbours).
   */
  static final class SmallStarFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> g, OutputReceiver<KV<String, String>> out) {
      String u = g.getKey();
      TreeSet<String> smaller = new TreeSet<>();
      g.getValue().forEach(smaller::add);
      smaller.remove(u);
      if (smaller.isEmpty()) {
        return;
      }
      String m = smaller.first();
      out.output(KV.of(u, m));
      for (String v : smaller) {
        if (!v.equals(m)) {
          out.output(KV.of(v, m));
        }
      }
    }
  }

  /** For the convergence check: each edge's larger end is a leaf of its smaller end. */
  static final class StarRolesFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      String a = e.getKey();
      String b = e.getValue();
      String leaf = a.compareTo(b) > 0 ? a : b;
      String centre = a.compareTo(b) > 0 ? b : a;
      out.output(KV.of(leaf, "P" + centre));
      out.output(KV.of(centre, "C"));
    }
  }

  /** Counts nodes that are not a leaf with one centre, or a centre with no centre of its own. */
  static final class CheckStarsFn extends DoFn<KV<String, Iterable<String>>, Void> {
    private final Counter unconverged = Metrics.counter(LinkJob.METRICS, "unconverged_nodes");

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> g) {
      TreeSet<String> parents = new TreeSet<>();
      boolean centre = false;
      for (String role : g.getValue()) {
        if (role.startsWith("P")) {
          parents.add(role);
        } else {
          centre = true;
        }
      }
      if (parents.size() > 1 || (centre && !parents.isEmpty())) {
        unconverged.inc();
      }
    }
  }

  /** Both ends of a star edge map to its centre. */
  static final class NodeToRootFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      String m = min(java.util.List.of(e.getKey(), e.getValue()));
      out.output(KV.of(e.getKey(), m));
      out.output(KV.of(e.getValue(), m));
    }
  }

  /** A record's root, or itself when it has no link. */
  static final class AssignRootFn extends DoFn<KV<String, CoGbkResult>, Membership> {
    private final TupleTag<String> rootTag;
    private final TupleTag<String> selfTag;
    private final Counter records = Metrics.counter(LinkJob.METRICS, "records");
    private final Counter singletons = Metrics.counter(LinkJob.METRICS, "unlinked_records");

    AssignRootFn(TupleTag<String> rootTag, TupleTag<String> selfTag) {
      this.rootTag = rootTag;
      this.selfTag = selfTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> g, OutputReceiver<Membership> out) {
      String root = g.getValue().getOnly(rootTag, null);
      for (String ignored : g.getValue().getAll(selfTag)) {
        records.inc();
        if (root == null) {
          singletons.inc();
        }
        out.output(new Membership(g.getKey(), root == null ? g.getKey() : root));
      }
    }
  }

  /** Cluster counts and sizes; oversized clusters are counted for the run report. */
  static final class ReportClusterSizesFn extends DoFn<KV<String, Long>, Void> {
    private final int max;
    private final Counter clusters = Metrics.counter(LinkJob.METRICS, "clusters");
    private final Counter oversized = Metrics.counter(LinkJob.METRICS, "oversized_clusters");
    private final Counter oversizedRecords =
        Metrics.counter(LinkJob.METRICS, "records_in_oversized_clusters");
    private final Distribution sizes = Metrics.distribution(LinkJob.METRICS, "cluster_size");

    ReportClusterSizesFn(int max) {
      this.max = max;
    }

    @ProcessElement
    public void process(@Element KV<String, Long> c) {
      clusters.inc();
      sizes.update(c.getValue());
      if (c.getValue() > max) {
        oversized.inc();
        oversizedRecords.inc(c.getValue());
      }
    }
  }
}
