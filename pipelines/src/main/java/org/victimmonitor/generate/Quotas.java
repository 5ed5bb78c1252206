package org.victimmonitor.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * Exact counts from shares, and exact assignment of those counts to persons. This is how the
 * generator hits published figures by construction instead of only in expectation.
 */
final class Quotas {
  private Quotas() {}

  /**
   * Splits {@code n} over the keys in proportion to {@code weights} by largest remainder; ties go
   * to the earlier key. The counts sum to exactly {@code n}.
   */
  static <K> LinkedHashMap<K, Integer> apportion(Map<K, ? extends Number> weights, int n) {
    double total = 0;
    for (Number w : weights.values()) {
      total += w.doubleValue();
    }
    LinkedHashMap<K, Integer> out = new LinkedHashMap<>();
    if (total <= 0 || n <= 0) {
      weights.keySet().forEach(k -> out.put(k, 0));
      return out;
    }
    List<K> keys = new ArrayList<>(weights.keySet());
    double[] remainder = new double[keys.size()];
    int assigned = 0;
    for (int i = 0; i < keys.size(); i++) {
      double exact = n * weights.get(keys.get(i)).doubleValue() / total;
      int floor = (int) Math.floor(exact);
      out.put(keys.get(i), floor);
      remainder[i] = exact - floor;
      assigned += floor;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -remainder[i]).thenComparing(i -> i));
    for (int j = 0; assigned < n; j = (j + 1) % keys.size()) {
      K k = keys.get(order.get(j));
      out.put(k, out.get(k) + 1);
      assigned++;
    }
    return out;
  }

  /**
   * Takes counts already fixed (e.g. returning persons whose nationality is known) out of the
   * quotas; a quota that would go negative is set to zero and the excess is taken from the largest
   * remaining quotas, so the result sums to {@code total - fixed}.
   */
  static <K> LinkedHashMap<K, Integer> subtract(Map<K, Integer> quotas, Map<K, Integer> fixed) {
    LinkedHashMap<K, Integer> out = new LinkedHashMap<>(quotas);
    int excess = 0;
    for (Map.Entry<K, Integer> e : fixed.entrySet()) {
      int left = out.getOrDefault(e.getKey(), 0) - e.getValue();
      if (left < 0) {
        excess -= left;
        left = 0;
      }
      out.put(e.getKey(), left);
    }
    while (excess > 0) {
      K largest = null;
      for (Map.Entry<K, Integer> e : out.entrySet()) {
        if (largest == null || e.getValue() > out.get(largest)) {
          largest = e.getKey();
        }
      }
      if (largest == null || out.get(largest) == 0) {
        break;
      }
      out.put(largest, out.get(largest) - 1);
      excess--;
    }
    return out;
  }

  /**
   * Gives every item one category so that each category is used exactly its quota (the quotas must
   * sum to the number of items). Items are visited in order; each draws a category with probability
   * proportional to remaining quota x affinity, which plants correlations (minors mostly Dutch,
   * inspectorate cases mostly labour) while keeping the totals exact.
   */
  static <T, K> Map<T, K> assign(
      List<T> items,
      Map<K, Integer> quotas,
      ToDoubleBiFunction<T, K> affinity,
      SplittableRandom rng) {
    List<K> keys = new ArrayList<>(quotas.keySet());
    int[] left = new int[keys.size()];
    int sum = 0;
    for (int i = 0; i < keys.size(); i++) {
      left[i] = quotas.get(keys.get(i));
      sum += left[i];
    }
    if (sum != items.size()) {
      throw new IllegalStateException("quotas sum to " + sum + " for " + items.size() + " items");
    }
    Map<T, K> out = new LinkedHashMap<>();
    double[] w = new double[keys.size()];
    for (T item : items) {
      double total = 0;
      for (int i = 0; i < keys.size(); i++) {
        w[i] = left[i] == 0 ? 0 : left[i] * affinity.applyAsDouble(item, keys.get(i));
        total += w[i];
      }
      if (total <= 0) {
        // No category fits this item by affinity: fall back to the quotas alone.
        for (int i = 0; i < keys.size(); i++) {
          w[i] = left[i];
          total += w[i];
        }
      }
      double u = rng.nextDouble() * total;
      int pick = 0;
      while (pick < keys.size() - 1 && (u >= w[pick] || w[pick] == 0)) {
        u -= w[pick];
        pick++;
      }
      while (left[pick] == 0) {
        pick = (pick + 1) % keys.size();
      }
      left[pick]--;
      out.put(item, keys.get(pick));
    }
    return out;
  }

  /**
   * Draws {@code k} distinct items with probability proportional to weight (Efraimidis and
   * Spirakis: smallest exponential keys). Returns them in draw order.
   */
  static <T> List<T> weightedSample(
      List<T> items, int k, java.util.function.ToDoubleFunction<T> weight, SplittableRandom rng) {
    List<Keyed<T>> keyed = new ArrayList<>(items.size());
    for (T item : items) {
      double w = Math.max(1e-9, weight.applyAsDouble(item));
      keyed.add(new Keyed<>(item, -Math.log(1 - rng.nextDouble()) / w));
    }
    keyed.sort(Comparator.comparingDouble(Keyed::key));
    List<T> out = new ArrayList<>(Math.min(k, items.size()));
    for (int i = 0; i < k && i < keyed.size(); i++) {
      out.add(keyed.get(i).item());
    }
    return out;
  }

  /** A weighted random permutation of all items (most weight first, in expectation). */
  static <T> List<T> weightedOrder(
      List<T> items, java.util.function.ToDoubleFunction<T> weight, SplittableRandom rng) {
    return weightedSample(items, items.size(), weight, rng);
  }

  private record Keyed<T>(T item, double key) {}

  /** Draws an index with probability proportional to the given weights. */
  static int pick(double[] weights, SplittableRandom rng) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = rng.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Draws a key with probability proportional to its weight (map in a fixed order). */
  static <K> K pick(Map<K, Double> weights, SplittableRandom rng) {
    double total = 0;
    for (double w : weights.values()) {
      total += w;
    }
    double u = rng.nextDouble() * total;
    K last = null;
    for (Map.Entry<K, Double> e : weights.entrySet()) {
      last = e.getKey();
      u -= e.getValue();
      if (u < 0) {
        return last;
      }
    }
    return last;
  }
}
