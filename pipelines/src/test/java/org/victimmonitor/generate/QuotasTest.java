package org.victimmonitor.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QuotasTest {

  @Test
  void apportionGivesExactTotalsByLargestRemainder() {
    Map<String, Double> w = new LinkedHashMap<>();
    w.put("a", 1.0);
    w.put("b", 1.0);
    w.put("c", 1.0);
    assertThat(Quotas.apportion(w, 10))
        .containsExactly(Map.entry("a", 4), Map.entry("b", 3), Map.entry("c", 3));
    assertThat(Quotas.apportion(Map.of("x", 523.0), 26)).containsEntry("x", 26);
  }

  @Test
  void subtractTakesFixedCountsOutAndKeepsTheTotal() {
    Map<String, Integer> q = new LinkedHashMap<>();
    q.put("NL", 5);
    q.put("PL", 3);
    q.put("RO", 2);
    Map<String, Integer> left = Quotas.subtract(q, Map.of("RO", 4));
    assertThat(left.get("RO")).isZero();
    assertThat(left.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
  }

  @Test
  void assignUsesEveryQuotaExactlyAndFollowsAffinities() {
    List<Integer> items = IntStream.range(0, 1000).boxed().toList();
    Map<String, Integer> quotas = new LinkedHashMap<>();
    quotas.put("even", 500);
    quotas.put("odd", 500);
    Map<Integer, String> out =
        Quotas.assign(
            items,
            quotas,
            (i, k) -> (i % 2 == 0) == k.equals("even") ? 20 : 1,
            new SplittableRandom(3));
    assertThat(out.values().stream().filter("even"::equals).count()).isEqualTo(500);
    long matching =
        out.entrySet().stream()
            .filter(e -> (e.getKey() % 2 == 0) == e.getValue().equals("even"))
            .count();
    assertThat(matching).isGreaterThan(800);
  }

  @Test
  void weightedSampleDrawsDistinctItemsFavouringWeight() {
    List<Integer> items = new ArrayList<>(IntStream.range(0, 100).boxed().toList());
    List<Integer> s =
        Quotas.weightedSample(items, 30, i -> i < 50 ? 10 : 1, new SplittableRandom(4));
    assertThat(new HashSet<>(s)).hasSize(30);
    assertThat(s.stream().filter(i -> i < 50).count()).isGreaterThan(20);
  }
}
