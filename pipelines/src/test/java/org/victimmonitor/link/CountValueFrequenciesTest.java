package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * Each record gets, per counted field it has, the number of records with the identical filter (1
 * when no other), 0 where the field is missing, and uncounted fields keep what they had.
 */
class CountValueFrequenciesTest {

  @Test
  void frequenciesAreTheNumbersOfRecordsSharingEachValue() {
    SplittableRandom rnd = new SplittableRandom(5);
    List<LinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      long[][] filters = {
        rnd.nextInt(10) == 0 ? null : BlockRecordsTest.filter(rnd.nextInt(1500)),
        BlockRecordsTest.filter(1000 + (int) Math.sqrt(rnd.nextInt(2500))),
        BlockRecordsTest.filter(rnd.nextInt(5))
      };
      records.add(new LinkRecord("s", "d", "p", "r" + i, new String[0], filters, "F", 1990));
    }
    int[] counted = {0, 1};
    List<String> expected = new ArrayList<>();
    List<Map<String, Integer>> counts = List.of(new HashMap<>(), new HashMap<>());
    for (LinkRecord r : records) {
      for (int f : counted) {
        if (r.filters()[f] != null) {
          counts.get(f).merge(Arrays.toString(r.filters()[f]), 1, Integer::sum);
        }
      }
    }
    for (LinkRecord r : records) {
      int[] freq = new int[3];
      for (int f : counted) {
        freq[f] = r.filters()[f] == null ? 0 : counts.get(f).get(Arrays.toString(r.filters()[f]));
      }
      expected.add(r.recordId() + Arrays.toString(freq));
    }
    // Both singletons and common values occur.
    assertThat(expected).anyMatch(s -> s.contains("[1, "));
    assertThat(counts.get(1).values()).anyMatch(n -> n > 20);

    Pipeline p = BlockRecordsTest.directPipeline();
    PCollection<String> out =
        p.apply(Create.of(records).withCoder(LinkRecordCoder.of()))
            .apply(new CountValueFrequencies(counted))
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(r -> r.recordId() + Arrays.toString(r.frequencies())));
    PAssert.that(out).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  void theWorkersTableCountsEveryValueAcrossDrains() {
    // 400,000 distinct values (more than the table holds, so it drains while adding), the first
    // 1,000 of them seen 7 times: every count comes out, drains included, and adds up
    CountValueFrequencies.FingerprintCounts t = new CountValueFrequencies.FingerprintCounts();
    Map<Long, Long> out = new HashMap<>();
    int drains = 0;
    for (int round = 0; round < 7; round++) {
      for (long v = 0; v < (round == 0 ? 400_000 : 1_000); v++) {
        long k = v * 0x9E3779B97F4A7C15L;
        if (t.add(k)) {
          drains++;
          t.drain((key, n) -> out.merge(key, n, Long::sum));
        }
      }
    }
    t.drain((key, n) -> out.merge(key, n, Long::sum));
    assertThat(drains).isEqualTo(2);
    assertThat(out).hasSize(400_000);
    assertThat(out.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(406_000);
    assertThat(out.get(999 * 0x9E3779B97F4A7C15L)).isEqualTo(7);
    assertThat(out.get(1_000 * 0x9E3779B97F4A7C15L)).isEqualTo(1);
    // drained means empty
    List<Long> left = new ArrayList<>();
    t.drain((key, n) -> left.add(key));
    assertThat(left).isEmpty();
  }
}
