package org.victimmonitor.link;

import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Compares every pair of records within each block into a {@link ComparedPair} (comparison pattern
 * and hard-evidence flag), then keeps one copy of each pair found in several blocks. Pairs from the
 * same delivery are compared like any other: deduplication within a delivery and linking across
 * deliveries are one and the same run.
 */
public final class CompareCandidates
    extends PTransform<PCollection<Block>, PCollection<ComparedPair>> {
  private final Comparisons comparisons;

  public CompareCandidates(Comparisons comparisons) {
    this.comparisons = comparisons;
  }

  @Override
  public PCollection<ComparedPair> expand(PCollection<Block> blocks) {
    return blocks
        .apply("ComparePairsInBlocks", ParDo.of(new ComparePairsFn(comparisons)))
        .setCoder(ComparedPair.Coder.of())
        .apply(
            "DropRepeatedPairs",
            Distinct.withRepresentativeValueFn(ComparedPair::pairId)
                .withRepresentativeType(TypeDescriptors.strings()))
        .setCoder(ComparedPair.Coder.of());
  }

  /** All pairs of one block. */
  static final class ComparePairsFn extends DoFn<Block, ComparedPair> {
    private final Comparisons comparisons;
    private final Counter compared = Metrics.counter(LinkJob.METRICS, "comparisons");

    private final int[] levelCounts;

    ComparePairsFn(Comparisons comparisons) {
      this.comparisons = comparisons;
      this.levelCounts = comparisons.levelCounts();
    }

    @ProcessElement
    public void process(@Element Block block, OutputReceiver<ComparedPair> out) {
      List<LinkRecord> rs = block.records();
      String[] ids = new String[rs.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = rs.get(i).id();
      }
      long n = 0;
      // Records are sorted by id, so ids[i] < ids[j] for i < j.
      for (int i = 0; i < rs.size(); i++) {
        LinkRecord a = rs.get(i);
        for (int j = i + 1; j < rs.size(); j++) {
          LinkRecord b = rs.get(j);
          if (ids[i].equals(ids[j])) {
            continue; // the same record id delivered twice: not a pair
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
    }
  }
}
