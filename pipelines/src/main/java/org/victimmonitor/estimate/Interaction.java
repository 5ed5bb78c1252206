package org.victimmonitor.estimate;

import java.util.ArrayList;
import java.util.List;
import org.victimmonitor.common.BadInputException;

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

  /**
   * Parses names like "police:kmar" against the table's lists.
   *
   * @throws BadInputException naming the term when a list is unknown, a term names one list twice,
   *     or a term is repeated
   */
  public static List<Interaction> parse(String source, List<String> names, List<String> lists) {
    List<Interaction> out = new ArrayList<>();
    for (String name : names) {
      String[] parts = name.trim().split(":", -1);
      if (parts.length != 2) {
        throw new BadInputException(
            source + ": interaction '" + name + "' must be two list names joined by ':'");
      }
      int i = lists.indexOf(parts[0].trim());
      int j = lists.indexOf(parts[1].trim());
      if (i < 0 || j < 0) {
        throw new BadInputException(
            source
                + ": interaction '"
                + name
                + "' names a list the table does not have; its lists are "
                + String.join(", ", lists));
      }
      if (i == j) {
        throw new BadInputException(
            source + ": interaction '" + name + "' names the same list twice");
      }
      Interaction t = of(i, j);
      if (out.contains(t)) {
        throw new BadInputException(source + ": interaction '" + name + "' is given twice");
      }
      out.add(t);
    }
    return out;
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
