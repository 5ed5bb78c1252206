package org.victimmonitor.link;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.victimmonitor.common.Grouping;

/**
 * Groups records into blocks by their blocking keys ({@link Blocking#keys}). A block larger than
 * the cap is split, in node-id order, into parts of at most the cap; the pairs between parts are
 * not compared, and the split blocks, their records and the skipped pairs are counted (never
 * dropped silently). A skipped pair is still compared when the two records share another, smaller
 * key (see {@link Blocking#comparesIn}), so the count is an upper bound of the pairs lost. Blocks
 * of one record are discarded (nothing to compare) and counted too.
 *
 * <p>Most of those are known before the shuffle: a first pass sketches which keys more than one
 * record has ({@link SharedKeys}), and a record is not copied under a key that certainly no other
 * record has (counted as a block of one record all the same). At the national scale that is about
 * four in ten of the copies the shuffle would otherwise sort. The blocks are the same either way.
 *
 * <p>A second pass leaves out the blocks that would compare nothing, on the rules that allow it
 * ({@link Blocking#summarised}): a block whose records all share a key of an earlier rule that
 * compares every pair (the name LSH blocks of records with the same names, whose pairs the exact
 * names block compares), and a block of a rule that compares only pairs with a missing birth year
 * where every record has one. For the shared keys of those rules a {@link CoverTable} records
 * whether all records of the key carry the same covering key; a key whose records differ, or may
 * differ, is kept. The copies left out are counted in {@code copies_in_pruned_blocks}. The
 * candidate pairs are exactly the same: a pair is still compared in the block of the smallest key
 * code it shares whose rule allows it, and that block is never left out. At the national scale half
 * of the copies that pass the sketch are left out.
 *
 * <p>A record goes into the shuffle as its encoded bytes ({@link LinkRecordCoder}), encoded once
 * and shared by all its copies, and is decoded once per block. The engine copies bytes when it
 * moves, sorts, spills and merges the copies, instead of decoding and re-encoding every copy each
 * time.
 */
public final class BlockRecords extends PTransform<PCollection<LinkRecord>, PCollection<Block>> {
  static final String NS = LinkJob.METRICS;
  private final Blocking blocking;
  private final PCollectionView<Long> recordCount;

  /** Blocks the records, counting them itself. */
  public BlockRecords(Blocking blocking) {
    this(blocking, null);
  }

  /** Blocks the records, whose number the job has already counted ({@link RecordTotals}). */
  public BlockRecords(Blocking blocking, PCollectionView<Long> recordCount) {
    this.blocking = blocking;
    this.recordCount = recordCount;
  }

  @Override
  public PCollection<Block> expand(PCollection<LinkRecord> records) {
    PCollectionView<Long> count =
        recordCount != null
            ? recordCount
            : records
                .apply("CountRecords", Count.globally())
                .apply("RecordCount", View.asSingleton());
    PCollectionView<Map<Integer, SharedKeys>> shared =
        records
            .apply("SketchKeys", ParDo.of(new SketchKeysFn(blocking, count)).withSideInputs(count))
            .setCoder(KvCoder.of(VarIntCoder.of(), SharedKeys.Coder.of()))
            .apply("MergeSketches", Grouping.combinePerKey(new MergeSketchesFn()))
            .apply("SharedKeysView", View.asMap());
    PCollectionView<Map<Integer, CoverTable>> covers = null;
    List<PCollectionView<?>> sideInputs = new ArrayList<>(List.of(count, shared));
    if (IntStream.range(0, blocking.rules().size()).anyMatch(blocking::summarised)) {
      covers =
          records
              .apply(
                  "CoverKeys",
                  ParDo.of(new CoverKeysFn(blocking, count, shared)).withSideInputs(count, shared))
              .setCoder(KvCoder.of(VarIntCoder.of(), CoverTable.Coder.of()))
              .apply("MergeCovers", Grouping.combinePerKey(new MergeCoversFn()))
              .apply("CoverTableView", View.asMap());
      sideInputs.add(covers);
    }
    return records
        .apply(
            "KeyByBlock",
            ParDo.of(new KeyByBlockFn(blocking, count, shared, covers)).withSideInputs(sideInputs))
        .setCoder(KvCoder.of(BigEndianLongCoder.of(), ByteArrayCoder.of()))
        .apply("GroupBlocks", Grouping.byKey())
        .apply("SplitOversizedBlocks", ParDo.of(new SplitBlocksFn(blocking.maxBlockSize())))
        .setCoder(Block.Coder.of());
  }

  /**
   * Sketches the blocking keys of the records of a bundle, one {@link SharedKeys} per shard of the
   * layout for the run's records, emitted when the bundle ends (one bundle per worker on Flink).
   */
  static final class SketchKeysFn extends DoFn<LinkRecord, KV<Integer, SharedKeys>> {
    private final Blocking blocking;
    private final PCollectionView<Long> count;
    private transient SharedKeys.Layout layout;
    private transient SharedKeys[] shards;

    SketchKeysFn(Blocking blocking, PCollectionView<Long> count) {
      this.blocking = blocking;
      this.count = count;
    }

    @StartBundle
    public void start() {
      shards = null;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (shards == null) {
        layout = layout(blocking, c.sideInput(count));
        shards = new SharedKeys[layout.shards()];
      }
      for (long code : blocking.codes(c.element())) {
        long h = Blocking.mix(code); // spread the rule number in the top bits over all bits
        int s = layout.shardOf(h);
        if (shards[s] == null) {
          shards[s] = SharedKeys.empty(layout.log2Bits());
        }
        shards[s].add(h);
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      if (shards != null) {
        for (int s = 0; s < shards.length; s++) {
          if (shards[s] != null) {
            c.output(
                KV.of(s, shards[s]), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
          }
        }
      }
      shards = null;
    }
  }

  /** The sketch layout for the run's records under these rules. */
  static SharedKeys.Layout layout(Blocking blocking, long records) {
    return SharedKeys.Layout.forOccurrences(records * blocking.maxKeysPerRecord());
  }

  /** Per rule, whether its blocks are summarised ({@link Blocking#summarised}). */
  static boolean[] summarised(Blocking blocking) {
    boolean[] s = new boolean[blocking.rules().size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = blocking.summarised(i);
    }
    return s;
  }

  /**
   * The value a record adds to the {@link CoverTable} for its key of a summarised rule ({@link
   * Blocking#summarised}): under a rule that compares only pairs with a missing birth year, {@code
   * DIFFERS} for a record without one (its block has a pair to compare) and 0 otherwise; under a
   * rule with a covering rule, the record's smallest key of that rule; under another rule, its
   * smallest key of the earlier rules that compare every pair. {@code DIFFERS} when it has none.
   */
  static long coverValue(
      Blocking blocking, int rule, int covering, long[] sortedCodes, LinkRecord r) {
    if (blocking.rules().get(rule).year() == Blocking.Rule.Year.MISSING) {
      return r.birthYear() <= 0 ? CoverTable.DIFFERS : 0L;
    }
    if (covering < 0) {
      long code = blocking.smallestEarlierCode(sortedCodes, rule);
      return code < 0 ? CoverTable.DIFFERS : code;
    }
    for (long code : sortedCodes) {
      if (Blocking.ruleOfCode(code) == covering) {
        return code;
      }
    }
    return CoverTable.DIFFERS;
  }

  /**
   * Adds the shared keys (by the sketch) of the summarised rules of the records of a bundle to a
   * {@link CoverTable}, one per shard, emitted when the bundle ends.
   */
  static final class CoverKeysFn extends DoFn<LinkRecord, KV<Integer, CoverTable>> {
    private final Blocking blocking;
    private final PCollectionView<Long> count;
    private final PCollectionView<Map<Integer, SharedKeys>> shared;
    private final boolean[] summarised;
    private final int[] covering;
    private transient SharedKeys.Layout layout;
    private transient SharedKeys[] sketch;
    private transient CoverTable.Layout tableLayout;
    private transient CoverTable[] tables;

    CoverKeysFn(
        Blocking blocking,
        PCollectionView<Long> count,
        PCollectionView<Map<Integer, SharedKeys>> shared) {
      this.blocking = blocking;
      this.count = count;
      this.shared = shared;
      this.summarised = summarised(blocking);
      this.covering = covering(blocking);
    }

    @StartBundle
    public void start() {
      tables = null;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (tables == null) {
        long records = c.sideInput(count);
        layout = layout(blocking, records);
        sketch = new SharedKeys[layout.shards()];
        c.sideInput(shared).forEach((s, k) -> sketch[s] = k);
        tableLayout = CoverTable.Layout.forRecords(records);
        tables = new CoverTable[tableLayout.shards()];
      }
      LinkRecord r = c.element();
      long[] codes = blocking.codes(r); // sorted
      for (long code : codes) {
        int rule = Blocking.ruleOfCode(code);
        if (!summarised[rule]) {
          continue;
        }
        long h = Blocking.mix(code);
        SharedKeys k = sketch[layout.shardOf(h)];
        if (k == null || !k.shared(h)) {
          continue; // a block of one record: dropped and counted by KeyByBlock
        }
        int s = tableLayout.shardOf(h);
        if (tables[s] == null) {
          tables[s] = CoverTable.empty(tableLayout.log2Slots());
        }
        tables[s].add(h, coverValue(blocking, rule, covering[rule], codes, r));
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      if (tables != null) {
        for (int s = 0; s < tables.length; s++) {
          if (tables[s] != null) {
            c.output(
                KV.of(s, tables[s]), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
          }
        }
      }
      tables = null;
    }
  }

  /** Merges the tables of one shard (into a copy: inputs are never modified). */
  static final class MergeCoversFn extends Combine.BinaryCombineFn<CoverTable> {
    @Override
    public CoverTable apply(CoverTable left, CoverTable right) {
      return left.copy().merge(right);
    }
  }

  /** Per rule, its {@link Blocking#coveringRule}. */
  static int[] covering(Blocking blocking) {
    int[] c = new int[blocking.rules().size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = blocking.coveringRule(i);
    }
    return c;
  }

  /** Merges the sketches of one shard (into a copy: inputs are never modified). */
  static final class MergeSketchesFn extends Combine.BinaryCombineFn<SharedKeys> {
    @Override
    public SharedKeys apply(SharedKeys left, SharedKeys right) {
      return left.copy().merge(right);
    }
  }

  /**
   * Emits a record once per blocking key that another record may share; a key nobody else has is
   * counted as a block of one record instead.
   */
  static final class KeyByBlockFn extends DoFn<LinkRecord, KV<Long, byte[]>> {
    private final Blocking blocking;
    private final PCollectionView<Long> count;
    private final PCollectionView<Map<Integer, SharedKeys>> shared;
    private final PCollectionView<Map<Integer, CoverTable>> covers;
    private final boolean[] summarised;
    private final Counter unblocked = Metrics.counter(NS, "records_without_block_key");
    private final Counter pruned = Metrics.counter(NS, "copies_in_pruned_blocks");
    private final Counter singletons = Metrics.counter(NS, "blocks_of_one_record");
    private final Distribution sizes = Metrics.distribution(NS, "block_size");
    private transient SharedKeys[] shards;
    private transient SharedKeys.Layout layout;
    private transient CoverTable.Layout tableLayout;
    private transient CoverTable[] tables;
    private transient long prunedCopies;
    private transient Buffer buffer;
    // Keys dropped as blocks of one record in this bundle, counted once when it ends: one metric
    // update per key was 3% of the national load's CPU.
    private transient long dropped;

    KeyByBlockFn(
        Blocking blocking,
        PCollectionView<Long> count,
        PCollectionView<Map<Integer, SharedKeys>> shared,
        PCollectionView<Map<Integer, CoverTable>> covers) {
      this.blocking = blocking;
      this.count = count;
      this.shared = shared;
      this.covers = covers;
      this.summarised = summarised(blocking);
    }

    @StartBundle
    public void start() {
      dropped = 0;
      prunedCopies = 0;
      // side inputs are read once per bundle: the DirectRunner builds a map view on every read
      shards = null;
    }

    @FinishBundle
    public void finish() {
      if (dropped > 0) {
        singletons.inc(dropped);
        sizes.update(dropped, dropped, 1, 1); // that many blocks of size 1
      }
      if (prunedCopies > 0) {
        pruned.inc(prunedCopies);
      }
      dropped = 0;
      prunedCopies = 0;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      if (shards == null) {
        layout = layout(blocking, c.sideInput(count));
        shards = new SharedKeys[layout.shards()];
        c.sideInput(shared).forEach((s, sketch) -> shards[s] = sketch);
        if (covers != null) {
          tableLayout = CoverTable.Layout.forRecords(c.sideInput(count));
          tables = new CoverTable[tableLayout.shards()];
          c.sideInput(covers).forEach((s, table) -> tables[s] = table);
        }
      }
      LinkRecord r = c.element();
      long[] codes = blocking.codes(r); // sorted
      if (codes.length == 0) {
        unblocked.inc();
      }
      int distinct = 0;
      for (long code : codes) {
        long h = Blocking.mix(code);
        SharedKeys sketch = shards[layout.shardOf(h)];
        boolean keep = sketch != null && sketch.shared(h);
        if (!keep) {
          dropped++;
        } else if (summarised[Blocking.ruleOfCode(code)]) {
          CoverTable t = tables[tableLayout.shardOf(h)];
          keep = t == null || t.differs(h);
          if (!keep) {
            prunedCopies++;
          }
        }
        if (keep && (distinct == 0 || code != codes[distinct - 1])) {
          // two keys of one record on one code (chance 2^-56) make one block entry, not two
          codes[distinct++] = code;
        }
      }
      if (distinct == 0) {
        return;
      }
      codes = Arrays.copyOf(codes, distinct);
      if (buffer == null) {
        buffer = new Buffer();
      }
      byte[] entry = entry(r, codes, buffer);
      for (long code : codes) {
        c.output(KV.of(code, entry));
      }
    }
  }

  /**
   * What a record brings into each of its blocks, encoded once for all of them: the sorted codes of
   * its keys that another record may share, then the record ({@link LinkRecordCoder}).
   */
  static byte[] entry(LinkRecord r, long[] codes) throws IOException {
    return entry(r, codes, new Buffer());
  }

  /**
   * The same, encoding through a buffer the caller reuses. Beam's {@code CoderUtils} keeps its
   * buffer in a thread-local, and looking it up took a third of {@code KeyByBlock}'s samples in one
   * national profile.
   */
  static byte[] entry(LinkRecord r, long[] codes, Buffer buffer) throws IOException {
    buffer.reset();
    LinkRecordCoder.of().encode(r, buffer);
    ByteBuffer b = ByteBuffer.allocate(4 + 8 * codes.length + buffer.size());
    b.putInt(codes.length);
    for (long code : codes) {
      b.putLong(code);
    }
    return b.put(buffer.bytes(), 0, buffer.size()).array();
  }

  /** A byte buffer whose bytes are read in place. */
  static final class Buffer extends java.io.ByteArrayOutputStream {
    Buffer() {
      super(512);
    }

    byte[] bytes() {
      return buf;
    }
  }

  /** Reads an {@link #entry} back: the record, its node id and its key codes. */
  static Entry readEntry(byte[] entry) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(entry);
    long[] codes = new long[b.getInt()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = b.getLong();
    }
    LinkRecord r =
        LinkRecordCoder.of()
            .decode(new ByteArrayInputStream(entry, b.position(), entry.length - b.position()));
    return new Entry(r.id(), r, codes);
  }

  /** Turns a group into one block, or several parts when it is over the cap. */
  static final class SplitBlocksFn extends DoFn<KV<Long, Iterable<byte[]>>, Block> {
    private final int max;
    private final Distribution sizes = Metrics.distribution(NS, "block_size");
    private final Counter blocks = Metrics.counter(NS, "blocks");
    private final Counter singletons = Metrics.counter(NS, "blocks_of_one_record");
    private final Counter oversized = Metrics.counter(NS, "oversized_blocks");
    private final Counter oversizedRecords = Metrics.counter(NS, "records_in_oversized_blocks");
    private final Counter skippedPairs = Metrics.counter(NS, "pairs_skipped_in_oversized_blocks");

    SplitBlocksFn(int max) {
      this.max = max;
    }

    @ProcessElement
    public void process(@Element KV<Long, Iterable<byte[]>> group, OutputReceiver<Block> out)
        throws IOException {
      List<byte[]> encoded = new ArrayList<>();
      group.getValue().forEach(encoded::add);
      int n = encoded.size();
      sizes.update(n);
      if (n < 2) {
        singletons.inc();
        return;
      }
      blocks.inc();
      List<Entry> byId = new ArrayList<>(n);
      for (byte[] b : encoded) {
        byId.add(readEntry(b));
      }
      byId.sort(Comparator.comparing(Entry::id));
      List<LinkRecord> all = new ArrayList<>(n);
      List<long[]> codes = new ArrayList<>(n);
      for (Entry e : byId) {
        all.add(e.record());
        codes.add(e.codes());
      }
      long code = group.getKey();
      if (n <= max) {
        out.output(new Block(code, 0, all, codes));
        return;
      }
      oversized.inc();
      oversizedRecords.inc(n);
      long kept = 0;
      for (int from = 0, part = 0; from < n; from += max, part++) {
        int to = Math.min(n, from + max);
        List<LinkRecord> sub = List.copyOf(all.subList(from, to));
        kept += (long) sub.size() * (sub.size() - 1) / 2;
        out.output(new Block(code, part, sub, List.copyOf(codes.subList(from, to))));
      }
      skippedPairs.inc((long) n * (n - 1) / 2 - kept);
    }
  }

  /** A record of a block with its node id (computed once, for sorting) and its key codes. */
  record Entry(String id, LinkRecord record, long[] codes) {}
}
