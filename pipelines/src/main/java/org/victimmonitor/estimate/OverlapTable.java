package org.victimmonitor.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.victimmonitor.common.BadInputException;

/**
 * A list-overlap table: for every non-empty combination of lists, how many people were recorded on
 * exactly that combination. Consumes list names and counts indexed by capture pattern (bit {@code
 * i} set when the person is on list {@code i}); produces the totals the models need (observed
 * total, per-list totals, pairwise overlaps). Patterns absent from the input have count zero.
 *
 * <p>Instances are only built through {@link #of}, which refuses tables that no log-linear model
 * can estimate from, so downstream code never sees an empty list or a table without overlaps.
 */
public final class OverlapTable {

  /** 2^16 - 1 cells is already far more than any national referral mechanism has lists. */
  public static final int MAX_LISTS = 16;

  private final String source;
  private final List<String> lists;
  private final long[] counts;

  private OverlapTable(String source, List<String> lists, long[] counts) {
    this.source = source;
    this.lists = List.copyOf(lists);
    this.counts = counts.clone();
  }

  /**
   * Builds and checks a table.
   *
   * @param source names the input in error messages (a file name, or "warehouse year 2024")
   * @param lists list names, in column order
   * @param counts {@code counts[pattern]} for {@code pattern} in {@code 1 .. 2^lists - 1}; {@code
   *     counts[0]} (people on no list) must be zero because nobody can count them
   * @throws BadInputException when the table cannot support an estimate
   */
  public static OverlapTable of(String source, List<String> lists, long[] counts) {
    int m = lists.size();
    if (m < 2) {
      throw new BadInputException(
          source
              + ": found "
              + m
              + " list column(s); multiple systems estimation needs at least two lists"
              + " (one 0/1 column per list, plus a 'count' column)");
    }
    if (m > MAX_LISTS) {
      throw new BadInputException(
          source + ": " + m + " lists is more than the " + MAX_LISTS + " supported; merge lists");
    }
    if (new HashSet<>(lists).size() != m) {
      throw new BadInputException(source + ": two list columns have the same name");
    }
    if (counts.length != 1 << m) {
      throw new IllegalArgumentException("counts must have 2^" + m + " entries");
    }
    if (counts[0] != 0) {
      throw new BadInputException(
          source + ": a count is given for people on no list; that cell is what is estimated");
    }
    for (long c : counts) {
      if (c < 0) {
        throw new BadInputException(source + ": counts must not be negative");
      }
    }
    OverlapTable table = new OverlapTable(source, lists, counts);
    List<String> empty = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      if (table.listTotal(i) == 0) {
        empty.add(lists.get(i));
      }
    }
    if (!empty.isEmpty()) {
      throw new BadInputException(
          source
              + ": list(s) "
              + String.join(", ", empty)
              + " recorded nobody; remove those columns, an empty list carries no information");
    }
    boolean anyOverlap = false;
    for (int p = 1; p < counts.length && !anyOverlap; p++) {
      anyOverlap = Integer.bitCount(p) >= 2 && counts[p] > 0;
    }
    if (!anyOverlap) {
      throw new BadInputException(
          source
              + ": no person is on two or more lists, so the lists have no overlap and the"
              + " number of people on none of them cannot be estimated; check the linkage");
    }
    return table;
  }

  /** Where the table came from, for messages (a file name, "bootstrap replicate 12"). */
  public String source() {
    return source;
  }

  public int listCount() {
    return lists.size();
  }

  public List<String> lists() {
    return lists;
  }

  /** Number of capture patterns that can be observed, {@code 2^lists - 1}. */
  public int patternCount() {
    return counts.length - 1;
  }

  public long count(int pattern) {
    return counts[pattern];
  }

  public long observed() {
    return Arrays.stream(counts).sum();
  }

  /** People on list {@code i}, whatever other lists they are on. */
  public long listTotal(int i) {
    long total = 0;
    for (int p = 1; p < counts.length; p++) {
      if ((p >> i & 1) == 1) {
        total += counts[p];
      }
    }
    return total;
  }

  /** People on both lists {@code i} and {@code j}, whatever other lists they are on. */
  public long overlap(int i, int j) {
    int both = 1 << i | 1 << j;
    long total = 0;
    for (int p = 1; p < counts.length; p++) {
      if ((p & both) == both) {
        total += counts[p];
      }
    }
    return total;
  }
}
