package org.victimmonitor.link;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Groups records into blocks by their blocking keys ({@link Blocking#keys}). A block larger than
 * the cap is split, in node-id order, into parts of at most the cap; the pairs between parts are
 * not compared, and the split blocks, their records and the skipped pairs are counted (never
 * dropped silently). A skipped pair is still compared when the two records share another, smaller
 * key (see {@link Blocking#comparesIn}), so the count is an upper bound of the pairs lost. Blocks
 * of one record are discarded (nothing to compare) and counted too.
 */
public final class BlockRecords extends PTransform<PCollection<LinkRecord>, PCollection<Block>> {
  static final String NS = LinkJob.METRICS;
  private final Blocking blocking;

  public BlockRecords(Blocking blocking) {
    this.blocking = blocking;
  }

  @Override
  public PCollection<Block> expand(PCollection<LinkRecord> records) {
    return records
        .apply("KeyByBlock", ParDo.of(new KeyByBlockFn(blocking)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), LinkRecordCoder.of()))
        .apply("GroupBlocks", GroupByKey.create())
        .apply("SplitOversizedBlocks", ParDo.of(new SplitBlocksFn(blocking.maxBlockSize())))
        .setCoder(Block.Coder.of());
  }

  /** Emits a record once per blocking key. */
  static final class KeyByBlockFn extends DoFn<LinkRecord, KV<String, LinkRecord>> {
    private final Blocking blocking;
    private final Counter unblocked = Metrics.counter(NS, "records_without_block_key");

    KeyByBlockFn(Blocking blocking) {
      this.blocking = blocking;
    }

    @ProcessElement
    public void process(@Element LinkRecord r, OutputReceiver<KV<String, LinkRecord>> out) {
      List<String> keys = blocking.keys(r);
      if (keys.isEmpty()) {
        unblocked.inc();
      }
      for (String k : keys) {
        out.output(KV.of(k, r));
      }
    }
  }

  /** Turns a group into one block, or several parts when it is over the cap. */
  static final class SplitBlocksFn extends DoFn<KV<String, Iterable<LinkRecord>>, Block> {
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
    public void process(
        @Element KV<String, Iterable<LinkRecord>> group, OutputReceiver<Block> out) {
      List<LinkRecord> all = new ArrayList<>();
      group.getValue().forEach(all::add);
      int n = all.size();
      sizes.update(n);
      if (n < 2) {
        singletons.inc();
        return;
      }
      blocks.inc();
      all.sort(Comparator.comparing(LinkRecord::id));
      if (n <= max) {
        out.output(new Block(group.getKey(), all));
        return;
      }
      oversized.inc();
      oversizedRecords.inc(n);
      long kept = 0;
      for (int from = 0, part = 0; from < n; from += max, part++) {
        List<LinkRecord> sub = List.copyOf(all.subList(from, Math.min(n, from + max)));
        kept += (long) sub.size() * (sub.size() - 1) / 2;
        out.output(new Block(group.getKey() + "#" + part, sub));
      }
      skippedPairs.inc((long) n * (n - 1) / 2 - kept);
    }
  }
}
