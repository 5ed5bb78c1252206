package org.victimmonitor.link;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Compares the pairs of records within each block into {@link ComparedPair}s (comparison pattern
 * and hard-evidence flag). A pair that shares several blocking keys is compared only in the block
 * of its smallest shared key code ({@link Blocking#comparesIn}; each record brings the codes of its
 * keys into the block, so they are not computed again), so every candidate pair comes out once
 * without a shuffle of the pairs. Pairs from the same delivery are compared like any other:
 * deduplication within a delivery and linking across deliveries are one and the same run.
 */
public final class CompareCandidates
    extends PTransform<PCollection<Block>, PCollection<ComparedPair>> {
  /**
   * Pairs compared in this JVM since the last reset: a console's progress line shows it while a
   * load links (the exact count is the Beam counter {@code comparisons} in the run's manifest).
   */
  public static final AtomicLong PAIRS_COMPARED = new AtomicLong();

  private final Comparisons comparisons;
  private final Blocking blocking;

  public CompareCandidates(Comparisons comparisons, Blocking blocking) {
    this.comparisons = comparisons;
    this.blocking = blocking;
  }

  @Override
  public PCollection<ComparedPair> expand(PCollection<Block> blocks) {
    return blocks
        .apply("ComparePairsInBlocks", ParDo.of(new ComparePairsFn(comparisons, blocking)))
        .setCoder(ComparedPair.Coder.of());
  }

  /** All pairs of one block. */
  static final class ComparePairsFn extends DoFn<Block, ComparedPair> {
    private final Comparisons comparisons;
    private final Blocking blocking;
    private final Counter compared = Metrics.counter(LinkJob.METRICS, "comparisons");
    private final Counter elsewhere =
        Metrics.counter(LinkJob.METRICS, "pairs_compared_in_another_block");

    private final int[] levelCounts;

    ComparePairsFn(Comparisons comparisons, Blocking blocking) {
      this.comparisons = comparisons;
      this.blocking = blocking;
      this.levelCounts = comparisons.levelCounts();
    }

    @ProcessElement
    public void process(@Element Block block, OutputReceiver<ComparedPair> out) {
      List<LinkRecord> rs = block.records();
      List<long[]> codes = block.keyCodes();
      String[] ids = new String[rs.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = rs.get(i).id();
      }
      long n = 0;
      long skipped = 0;
      // Records are sorted by id, so ids[i] < ids[j] for i < j.
      for (int i = 0; i < rs.size(); i++) {
        LinkRecord a = rs.get(i);
        for (int j = i + 1; j < rs.size(); j++) {
          LinkRecord b = rs.get(j);
          if (ids[i].equals(ids[j])) {
            continue; // the same record id delivered twice: not a pair
          }
          if (!blocking.comparesIn(block.code(), a, codes.get(i), b, codes.get(j))) {
            skipped++;
            continue;
          }
          int[] levels = comparisons.levels(a, b);
          out.output(
              new ComparedPair(
                  ids[i],
                  ids[j],
                  Comparisons.encode(levelCounts, levels),
                  comparisons.contradicts(a, b),
                  comparisons.frequencies(a, b, levels)));
          n++;
        }
      }
      compared.inc(n);
      elsewhere.inc(skipped);
      PAIRS_COMPARED.addAndGet(n);
    }
  }
}
