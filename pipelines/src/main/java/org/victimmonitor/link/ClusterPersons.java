package org.victimmonitor.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Min;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
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
 *
 * <p>The rounds run on 64-bit fingerprints of the node ids ({@link #fingerprint}), not on the ids:
 * eight bytes to shuffle, sort and compare instead of some fifty. The records are then joined to
 * their star's centre by fingerprint, and each component's members are grouped once to find the
 * smallest node id, the root, by the ids themselves. Two different ids of a run sharing a
 * fingerprint (about one chance in 30 million for a million records) would be one node; the join
 * sees both ids and counts them ({@code node_fingerprint_collisions}), and the job is re-run with
 * another salt (the link) or fails without publishing (the load), as for unconverged nodes. The
 * result does not depend on the salt.
 */
public final class ClusterPersons
    extends PTransform<PCollection<ComparedPair>, PCollection<Membership>> {
  private final PCollection<LinkRecord> records;
  private final int rounds;
  private final int maxClusterSize;
  private final long salt;
  private final long mask;

  public ClusterPersons(PCollection<LinkRecord> records, int rounds, int maxClusterSize) {
    this(records, rounds, maxClusterSize, 0L);
  }

  /** With the fingerprints salted by {@code salt} (another salt after a collision). */
  public ClusterPersons(
      PCollection<LinkRecord> records, int rounds, int maxClusterSize, long salt) {
    this(records, rounds, maxClusterSize, salt, -1L);
  }

  /** Tests: fingerprints cut to the bits of {@code mask}, so that they collide. */
  ClusterPersons(
      PCollection<LinkRecord> records, int rounds, int maxClusterSize, long salt, long mask) {
    this.records = records;
    this.rounds = rounds;
    this.maxClusterSize = maxClusterSize;
    this.salt = salt;
    this.mask = mask;
  }

  static final TupleTag<Membership> UNLINKED = new TupleTag<>() {};
  static final TupleTag<KV<Long, String>> LINKED = new TupleTag<>() {};

  @Override
  public PCollection<Membership> expand(PCollection<ComparedPair> links) {
    // Fixed-width big-endian keys: the engine's sorts decide on their first bytes.
    KvCoder<Long, Long> edgeCoder = KvCoder.of(BigEndianLongCoder.of(), BigEndianLongCoder.of());
    long s = salt;
    long m = mask;
    PCollection<KV<Long, Long>> edges =
        links
            .apply(
                "ToEdges",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.longs()))
                    .via(p -> KV.of(fingerprint(p.left(), s, m), fingerprint(p.right(), s, m))))
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
    PCollection<KV<Long, Long>> centres =
        edges
            .apply("NodeToCentre", ParDo.of(new NodeToCentreFn()))
            .setCoder(edgeCoder)
            .apply("SmallestCentre", Grouping.combinePerKey(Min.ofLongs()));
    PCollection<KV<Long, String>> ids =
        records
            .apply(
                "RecordIds",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.strings()))
                    .via(r -> KV.of(fingerprint(r.id(), s, m), r.id())))
            .setCoder(KvCoder.of(BigEndianLongCoder.of(), StringUtf8Coder.of()));
    TupleTag<Long> centreTag = new TupleTag<>();
    TupleTag<String> idTag = new TupleTag<>();
    PCollectionTuple joined =
        KeyedPCollectionTuple.of(centreTag, centres)
            .and(idTag, ids)
            .apply("JoinRecords", Grouping.coGroupByKey())
            .apply(
                "ToCentres",
                ParDo.of(new ToCentreFn(centreTag, idTag))
                    .withOutputTags(UNLINKED, TupleTagList.of(LINKED)));
    PCollection<Membership> unlinked = joined.get(UNLINKED).setCoder(Membership.Coder.of());
    PCollection<Membership> linked =
        joined
            .get(LINKED)
            .setCoder(KvCoder.of(BigEndianLongCoder.of(), StringUtf8Coder.of()))
            .apply("GroupComponents", Grouping.byKey())
            .apply("SmallestId", ParDo.of(new SmallestIdFn(maxClusterSize)))
            .setCoder(Membership.Coder.of());
    return PCollectionList.of(unlinked)
        .and(linked)
        .apply("AllMemberships", Flatten.pCollections())
        .setCoder(Membership.Coder.of());
  }

  /** The node's fingerprint: 64 bits of a keyed mix of its id. */
  static long fingerprint(String id, long salt) {
    return fingerprint(id, salt, -1L);
  }

  static long fingerprint(String id, long salt, long mask) {
    long h = 0x2545F4914F6CDD1DL ^ Blocking.mix(salt);
    int n = id.length();
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      long w =
          id.charAt(i)
              | (long) id.charAt(i + 1) << 16
              | (long) id.charAt(i + 2) << 32
              | (long) id.charAt(i + 3) << 48;
      h = Blocking.mix(h ^ w) + 0x9E3779B97F4A7C15L;
    }
    long w = 0;
    for (int k = 0; i < n; i++, k += 16) {
      w |= (long) id.charAt(i) << k;
    }
    return Blocking.mix(h ^ w ^ ((long) n << 56)) & mask;
  }

  /** The node and its neighbours in the group, sorted, without repeats. */
  static long[] sorted(Iterable<Long> values) {
    long[] a = new long[8];
    int n = 0;
    for (long v : values) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }
    Arrays.sort(a, 0, n);
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (k == 0 || a[i] != a[k - 1]) {
        a[k++] = a[i];
      }
    }
    return Arrays.copyOf(a, k);
  }

  /** Each undirected edge in both directions. */
  static final class BothDirectionsFn extends DoFn<KV<Long, Long>, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element KV<Long, Long> e, OutputReceiver<KV<Long, Long>> out) {
      out.output(e);
      out.output(KV.of(e.getValue(), e.getKey()));
    }
  }

  /** Each edge keyed by its larger end, valued by its smaller end. */
  static final class LargerToSmallerFn extends DoFn<KV<Long, Long>, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element KV<Long, Long> e, OutputReceiver<KV<Long, Long>> out) {
      long a = e.getKey();
      long b = e.getValue();
      out.output(a > b ? e : KV.of(b, a));
    }
  }

  /** Large star: connect every larger neighbour of u to the smallest node of u's neighbourhood. */
  static final class LargeStarFn extends DoFn<KV<Long, Iterable<Long>>, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element KV<Long, Iterable<Long>> g, OutputReceiver<KV<Long, Long>> out) {
      long u = g.getKey();
      long[] n = sorted(g.getValue());
      // the smallest of u and its neighbours (u itself is not its own neighbour)
      long m = u;
      for (long v : n) {
        if (v != u) {
          m = Math.min(m, v);
          break;
        }
      }
      for (long v : n) {
        if (v > u) {
          out.output(KV.of(v, m));
        }
      }
    }
  }

  /**
   * Small star: connect u and all its smaller neighbours to the smallest of them (the key is the
   * larger end, the values its smaller neighbours).
   */
  static final class SmallStarFn extends DoFn<KV<Long, Iterable<Long>>, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element KV<Long, Iterable<Long>> g, OutputReceiver<KV<Long, Long>> out) {
      long u = g.getKey();
      long[] smaller = sorted(g.getValue());
      int first = smaller.length > 0 && smaller[0] == u ? 1 : 0;
      if (first == smaller.length) {
        return;
      }
      long m = smaller[first];
      out.output(KV.of(u, m));
      for (int i = first + 1; i < smaller.length; i++) {
        if (smaller[i] != u) {
          out.output(KV.of(smaller[i], m));
        }
      }
    }
  }

  /**
   * For the convergence check: each edge's larger end is a leaf of its smaller end (valued by the
   * centre), and the smaller end a centre (valued by itself).
   */
  static final class StarRolesFn extends DoFn<KV<Long, Long>, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element KV<Long, Long> e, OutputReceiver<KV<Long, Long>> out) {
      long a = e.getKey();
      long b = e.getValue();
      if (a == b) {
        return;
      }
      long leaf = Math.max(a, b);
      long centre = Math.min(a, b);
      out.output(KV.of(leaf, centre));
      out.output(KV.of(centre, centre));
    }
  }

  /** Counts nodes that are not a leaf with one centre, or a centre with no centre of its own. */
  static final class CheckStarsFn extends DoFn<KV<Long, Iterable<Long>>, Void> {
    private final Counter unconverged = Metrics.counter(LinkJob.METRICS, "unconverged_nodes");

    @ProcessElement
    public void process(@Element KV<Long, Iterable<Long>> g) {
      long u = g.getKey();
      boolean centre = false;
      long parent = 0;
      int parents = 0;
      for (long role : g.getValue()) {
        if (role == u) {
          centre = true;
        } else if (parents == 0 || role != parent) {
          parent = role;
          parents++;
        }
      }
      if (parents > 1 || (centre && parents > 0)) {
        unconverged.inc();
      }
    }
  }

  /** Both ends of a star edge map to its centre. */
  static final class NodeToCentreFn extends DoFn<KV<Long, Long>, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element KV<Long, Long> e, OutputReceiver<KV<Long, Long>> out) {
      long m = Math.min(e.getKey(), e.getValue());
      out.output(KV.of(e.getKey(), m));
      out.output(KV.of(e.getValue(), m));
    }
  }

  /**
   * A linked record to its star's centre ({@link #LINKED}, keyed by the centre); a record without a
   * link is its own cluster ({@link #UNLINKED}). Counts ids that share a fingerprint.
   */
  static final class ToCentreFn extends DoFn<KV<Long, CoGbkResult>, Membership> {
    private final TupleTag<Long> centreTag;
    private final TupleTag<String> idTag;
    private final Counter records = Metrics.counter(LinkJob.METRICS, "records");
    private final Counter singletons = Metrics.counter(LinkJob.METRICS, "unlinked_records");
    private final Counter clusters = Metrics.counter(LinkJob.METRICS, "clusters");
    private final Counter collisions =
        Metrics.counter(LinkJob.METRICS, "node_fingerprint_collisions");
    private final Distribution sizes = Metrics.distribution(LinkJob.METRICS, "cluster_size");

    ToCentreFn(TupleTag<Long> centreTag, TupleTag<String> idTag) {
      this.centreTag = centreTag;
      this.idTag = idTag;
    }

    @ProcessElement
    public void process(@Element KV<Long, CoGbkResult> g, MultiOutputReceiver out) {
      Long centre = g.getValue().getOnly(centreTag, null);
      String first = null;
      for (String id : g.getValue().getAll(idTag)) {
        records.inc();
        if (first == null) {
          first = id;
        } else if (!first.equals(id)) {
          collisions.inc();
        }
        if (centre == null) {
          singletons.inc();
          clusters.inc();
          sizes.update(1);
          out.get(UNLINKED).output(new Membership(id, id));
        } else {
          out.get(LINKED).output(KV.of(centre, id));
        }
      }
    }
  }

  /**
   * A component's members, each with the smallest of their ids as the root; counts the cluster and
   * its size, and reports it when over the size limit.
   */
  static final class SmallestIdFn extends DoFn<KV<Long, Iterable<String>>, Membership> {
    private final int max;
    private final Counter clusters = Metrics.counter(LinkJob.METRICS, "clusters");
    private final Counter oversized = Metrics.counter(LinkJob.METRICS, "oversized_clusters");
    private final Counter oversizedRecords =
        Metrics.counter(LinkJob.METRICS, "records_in_oversized_clusters");
    private final Distribution sizes = Metrics.distribution(LinkJob.METRICS, "cluster_size");

    SmallestIdFn(int max) {
      this.max = max;
    }

    @ProcessElement
    public void process(@Element KV<Long, Iterable<String>> g, OutputReceiver<Membership> out) {
      List<String> members = new ArrayList<>();
      String root = null;
      for (String id : g.getValue()) {
        members.add(id);
        if (root == null || id.compareTo(root) < 0) {
          root = id;
        }
      }
      clusters.inc();
      sizes.update(members.size());
      if (members.size() > max) {
        oversized.inc();
        oversizedRecords.inc(members.size());
      }
      for (String id : members) {
        out.output(new Membership(id, root));
      }
    }
  }
}
