package org.victimmonitor.estimate;

import java.util.List;

/**
 * A two-list interaction term of a log-linear model: lists {@code first < second}, by column index.
 * Its name is the two list names joined by a colon, lower index first ("A:E").
 */
public record Interaction(int first, int second) implements Comparable<Interaction> {

  public Interaction {
    if (first < 0 || first >= second) {
      throw new IllegalArgumentException("need 0 <= first < second, got " + first + ", " + second);
    }
  }

  /** The interaction of lists {@code i} and {@code j}, in either order. */
  public static Interaction of(int i, int j) {
    return new Interaction(Math.min(i, j), Math.max(i, j));
  }

  /** Bits of the capture patterns that contain both lists. */
  int mask() {
    return 1 << first | 1 << second;
  }

  public String name(List<String> lists) {
    return lists.get(first) + ":" + lists.get(second);
  }

  @Override
  public int compareTo(Interaction o) {
    return first != o.first ? Integer.compare(first, o.first) : Integer.compare(second, o.second);
  }
}
