package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Known-answer test in Splink's manner: comparison patterns are drawn from a model with known m, u
 * and match share; EM must recover every m and u within 0.02.
 */
class ExpectationMaximisationTest {

  // Level 0 is "missing" and carries no probability; levels 1.. are best to worst.
  static final double[][] M = {
    {0, 0.85, 0.10, 0.05},
    {0, 0.70, 0.20, 0.06, 0.04},
    {0, 0.90, 0.10},
    {0, 0.75, 0.15, 0.10},
    {0, 0.60, 0.25, 0.10, 0.05},
    {0, 0.95, 0.05},
  };
  static final double[][] U = {
    {0, 0.02, 0.08, 0.90},
    {0, 0.01, 0.04, 0.15, 0.80},
    {0, 0.10, 0.90},
    {0, 0.05, 0.15, 0.80},
    {0, 0.03, 0.07, 0.20, 0.70},
    {0, 0.50, 0.50},
  };
  static final double LAMBDA = 0.15;
  static final double MISSING = 0.1;

  static int[] levelCounts() {
    int[] n = new int[M.length];
    for (int f = 0; f < M.length; f++) {
      n[f] = M[f].length;
    }
    return n;
  }

  static Map<Long, Long> sample(int pairs, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] counts = levelCounts();
    int[] levels = new int[counts.length];
    Map<Long, Long> out = new HashMap<>();
    for (int i = 0; i < pairs; i++) {
      double[][] p = rnd.nextDouble() < LAMBDA ? M : U;
      for (int f = 0; f < counts.length; f++) {
        levels[f] = rnd.nextDouble() < MISSING ? 0 : draw(p[f], rnd);
      }
      out.merge(Comparisons.encode(counts, levels), 1L, Long::sum);
    }
    return out;
  }

  static int draw(double[] p, SplittableRandom rnd) {
    double x = rnd.nextDouble();
    double c = 0;
    for (int l = 1; l < p.length; l++) {
      c += p[l];
      if (x < c) {
        return l;
      }
    }
    return p.length - 1;
  }

  static List<String> names() {
    List<String> n = new ArrayList<>();
    for (int f = 0; f < M.length; f++) {
      n.add("f" + f);
    }
    return n;
  }

  @Test
  void recoversEveryMAndUWithinTwoHundredths() {
    Map<Long, Long> counts = sample(200_000, 42);
    LinkageModel model =
        new ExpectationMaximisation(levelCounts()).fit(counts, null, 0.5, names(), List.of(), 0.9);
    assertThat(model.converged()).isTrue();
    for (int f = 0; f < M.length; f++) {
      for (int l = 1; l < M[f].length; l++) {
        assertThat(model.m()[f][l]).as("m[%d][%d]", f, l).isCloseTo(M[f][l], within(0.02));
        assertThat(model.u()[f][l]).as("u[%d][%d]", f, l).isCloseTo(U[f][l], within(0.02));
      }
    }
    assertThat(model.lambda()).isCloseTo(LAMBDA, within(0.01));
    assertThat(model.pairs()).isEqualTo(200_000);
  }

  @Test
  void theSameCountsInAnotherOrderGiveTheSameModelToTheLastBit() {
    Map<Long, Long> counts = sample(200_000, 42);
    List<Long> keys = new ArrayList<>(counts.keySet());
    java.util.Collections.sort(keys);
    Map<Long, Long> ascending = new java.util.LinkedHashMap<>();
    keys.forEach(k -> ascending.put(k, counts.get(k)));
    java.util.Collections.reverse(keys);
    Map<Long, Long> descending = new java.util.LinkedHashMap<>();
    keys.forEach(k -> descending.put(k, counts.get(k)));
    ExpectationMaximisation em = new ExpectationMaximisation(levelCounts());
    LinkageModel a = em.fit(ascending, null, 0.5, names(), List.of(), 0.9);
    LinkageModel b = em.fit(descending, null, 0.5, names(), List.of(), 0.9);
    assertThat(b.lambda()).isEqualTo(a.lambda());
    assertThat(b.m()).isDeepEqualTo(a.m());
    assertThat(b.u()).isDeepEqualTo(a.u());
    assertThat(b.iterations()).isEqualTo(a.iterations());
  }

  @Test
  void recoversMWithUHeldFixed() {
    Map<Long, Long> counts = sample(100_000, 7);
    LinkageModel model =
        new ExpectationMaximisation(levelCounts()).fit(counts, U, 0.01, names(), List.of(), 0.9);
    for (int f = 0; f < M.length; f++) {
      for (int l = 1; l < M[f].length; l++) {
        assertThat(model.m()[f][l]).as("m[%d][%d]", f, l).isCloseTo(M[f][l], within(0.02));
        assertThat(model.u()[f][l]).isCloseTo(U[f][l], within(1e-5));
      }
    }
    assertThat(model.lambda()).isCloseTo(LAMBDA, within(0.01));
  }

  @Test
  void weightsAndPosterior() {
    LinkageModel model = new LinkageModel(names(), List.of(), M, U, LAMBDA, 0.9, 1, true, 1);
    // Field 2 level 1: log2(0.9 / 0.1)
    assertThat(model.weight(2, 1)).isCloseTo(Math.log(9) / Math.log(2), within(1e-12));
    assertThat(model.weight(2, 0)).isZero();
    int[] allBest = {1, 1, 1, 1, 1, 1};
    int[] allMissing = {0, 0, 0, 0, 0, 0};
    assertThat(model.probability(allBest)).isGreaterThan(0.999);
    assertThat(model.probability(allMissing)).isCloseTo(LAMBDA, within(1e-12));
  }

  @Test
  void noPairsGivesTheStartingModel() {
    LinkageModel model =
        new ExpectationMaximisation(levelCounts()).fit(Map.of(), U, 0.01, names(), List.of(), 0.9);
    assertThat(model.pairs()).isZero();
    assertThat(model.iterations()).isZero();
  }
}
