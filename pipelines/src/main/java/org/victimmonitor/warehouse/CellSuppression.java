package org.victimmonitor.warehouse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Primary and secondary cell suppression of a two-way table of counts with its margins (row totals,
 * column totals and the grand total), and optional rounding. Consumes the interior counts;
 * produces, for every cell including the margins, its status and the value to publish.
 *
 * <p>Primary: counts from 1 to threshold - 1 (and zeros when configured). Secondary: the table's
 * lines (each row with its total, each column with its total) are linear equations, so a suppressed
 * cell is recoverable exactly when it is a bridge in the graph whose vertices are the lines and
 * whose edges are the suppressed cells. Suppression therefore goes on until every line holds none
 * or at least two suppressed cells and no suppressed cell is a bridge; each added cell is the
 * smallest count that closes the gap, so as little as possible is hidden.
 */
public final class CellSuppression {

  /** Why a cell is or is not published. */
  public enum Status {
    SHOWN,
    PRIMARY,
    SECONDARY,
    /** A total the table does not publish: unknown to the reader, never shown. */
    NOT_PUBLISHED
  }

  /** One cell: its true count, status and (for shown cells) the possibly rounded value. */
  public record Cell(long count, Status status, long published) {
    public boolean suppressed() {
      return status == Status.PRIMARY || status == Status.SECONDARY;
    }

    /** Unknown to the reader: suppressed or not published. */
    public boolean hidden() {
      return status != Status.SHOWN;
    }
  }

  private CellSuppression() {}

  /**
   * Protects a table. The result has one more row and column than {@code interior}: the last row
   * holds the column totals, the last column the row totals, the corner the grand total.
   */
  public static Cell[][] protect(long[][] interior, DisclosureRules rules) {
    int r = interior.length;
    int c = r == 0 ? 0 : interior[0].length;
    long[][] full = new long[r + 1][c + 1];
    for (int i = 0; i < r; i++) {
      if (interior[i].length != c) {
        throw new IllegalArgumentException("ragged table");
      }
      for (int j = 0; j < c; j++) {
        full[i][j] = interior[i][j];
        full[i][c] += interior[i][j];
        full[r][j] += interior[i][j];
        full[r][c] += interior[i][j];
      }
    }
    return protect(full, null, null, rules);
  }

  /**
   * Protects a table given with its margins, of which some may not be published. {@code full} has
   * the interior and, in its last row and column, the totals as they would be published. {@code
   * published[i][j] == false} for a margin means the total is not published (an unknown in its
   * line's equation); for an interior cell it means a structural zero (known to be zero, never a
   * useful cell to suppress). {@code null} means everything is published. {@code fixed} (may be
   * null) marks further cells that must not be chosen for secondary suppression. Published totals
   * need not be the sums of their lines (e.g. unique persons over overlapping sources): the lines
   * are treated as sums all the same, which can only hide more.
   */
  public static Cell[][] protect(
      long[][] full, boolean[][] published, boolean[][] fixed, DisclosureRules rules) {
    int rows = full.length;
    int cols = rows == 0 ? 0 : full[0].length;
    Status[][] status = new Status[rows][cols];
    boolean[][] locked = new boolean[rows][cols];
    for (int i = 0; i < rows; i++) {
      if (full[i].length != cols) {
        throw new IllegalArgumentException("ragged table");
      }
      for (int j = 0; j < cols; j++) {
        long v = full[i][j];
        if (v < 0) {
          throw new IllegalArgumentException("negative count");
        }
        boolean margin = i == rows - 1 || j == cols - 1;
        boolean shown = published == null || published[i][j];
        if (!shown && margin) {
          status[i][j] = Status.NOT_PUBLISHED;
          locked[i][j] = true;
          continue;
        }
        if (!shown && v != 0) {
          throw new IllegalArgumentException("an interior cell left out must be a zero");
        }
        locked[i][j] = !shown || (fixed != null && fixed[i][j]);
        boolean primary =
            shown && ((v > 0 && v < rules.threshold()) || (v == 0 && rules.suppressZeros()));
        status[i][j] = primary ? Status.PRIMARY : Status.SHOWN;
      }
    }
    boolean changed = true;
    while (changed) {
      changed = closeSingleLines(full, status, locked) || breakBridges(full, status, locked);
    }
    Cell[][] out = new Cell[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        long published1 =
            status[i][j] == Status.SHOWN ? round(full[i][j], rules.roundingBase()) : -1;
        out[i][j] = new Cell(full[i][j], status[i][j], published1);
      }
    }
    return out;
  }

  static long round(long v, int base) {
    if (base <= 1) {
      return v;
    }
    return Math.round((double) v / base) * base;
  }

  /** Lines with exactly one suppressed cell get a second one. Returns whether anything changed. */
  private static boolean closeSingleLines(long[][] full, Status[][] status, boolean[][] locked) {
    boolean changed = false;
    int rows = full.length;
    int cols = full[0].length;
    for (int i = 0; i < rows; i++) {
      int n = 0;
      boolean suppressed = false;
      for (int j = 0; j < cols; j++) {
        n += status[i][j] == Status.SHOWN ? 0 : 1;
        suppressed |= status[i][j] == Status.PRIMARY || status[i][j] == Status.SECONDARY;
      }
      if (n == 1 && suppressed) {
        int best = -1;
        for (int j = 0; j < cols; j++) {
          if (status[i][j] == Status.SHOWN
              && !locked[i][j]
              && (best < 0 || better(full[i][j], j == cols - 1, full[i][best], best == cols - 1))) {
            best = j;
          }
        }
        if (best < 0) {
          throw new IllegalStateException(
              "row " + i + ": no cell left to protect its suppressed cell");
        }
        status[i][best] = Status.SECONDARY;
        changed = true;
      }
    }
    for (int j = 0; j < cols; j++) {
      int n = 0;
      boolean suppressed = false;
      for (int i = 0; i < rows; i++) {
        n += status[i][j] == Status.SHOWN ? 0 : 1;
        suppressed |= status[i][j] == Status.PRIMARY || status[i][j] == Status.SECONDARY;
      }
      if (n == 1 && suppressed) {
        int best = -1;
        for (int i = 0; i < rows; i++) {
          if (status[i][j] == Status.SHOWN
              && !locked[i][j]
              && (best < 0 || better(full[i][j], i == rows - 1, full[best][j], best == rows - 1))) {
            best = i;
          }
        }
        if (best < 0) {
          throw new IllegalStateException(
              "column " + j + ": no cell left to protect its suppressed cell");
        }
        status[best][j] = Status.SECONDARY;
        changed = true;
      }
    }
    return changed;
  }

  /** Preference for the cell to suppress next: interior before totals, non-zero, then smaller. */
  private static boolean better(long v, boolean total, long bestV, boolean bestTotal) {
    if (total != bestTotal) {
      return !total;
    }
    if ((v == 0) != (bestV == 0)) {
      return v != 0;
    }
    return v < bestV;
  }

  /**
   * Finds a suppressed cell that is a bridge of the line graph and suppresses the smallest shown
   * cell joining the two sides, which puts the bridge on a cycle. One bridge per call.
   */
  private static boolean breakBridges(long[][] full, Status[][] status, boolean[][] locked) {
    int rows = full.length;
    int cols = full[0].length;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (status[i][j] == Status.SHOWN || status[i][j] == Status.NOT_PUBLISHED) {
          continue; // an unpublished total is unknown but needs no protection of its own
        }
        boolean[] sideA = reachable(status, i, j, i);
        if (sideA[rows + j]) {
          continue; // on a cycle: not recoverable from the lines alone
        }
        boolean[] sideB = reachable(status, i, j, rows + j);
        // a shown cell joining the row side to the column side closes a cycle through (i, j)
        int bi = -1;
        int bj = -1;
        for (int a = 0; a < rows; a++) {
          for (int b = 0; b < cols; b++) {
            if (status[a][b] == Status.SHOWN
                && !locked[a][b]
                && ((sideA[a] && sideB[rows + b]) || (sideB[a] && sideA[rows + b]))
                && (bi < 0
                    || better(
                        full[a][b],
                        a == rows - 1 || b == cols - 1,
                        full[bi][bj],
                        bi == rows - 1 || bj == cols - 1))) {
              bi = a;
              bj = b;
            }
          }
        }
        if (bi >= 0) {
          status[bi][bj] = Status.SECONDARY;
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Lines reachable from line {@code start} (rows first, then columns) in the graph of suppressed
   * cells without the cell (i, j).
   */
  static boolean[] reachable(Status[][] status, int i, int j, int start) {
    int rows = status.length;
    int cols = status[0].length;
    boolean[] seen = new boolean[rows + cols];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    seen[start] = true;
    queue.add(start);
    while (!queue.isEmpty()) {
      int v = queue.poll();
      if (v < rows) {
        for (int b = 0; b < cols; b++) {
          if (status[v][b] != Status.SHOWN && !(v == i && b == j) && !seen[rows + b]) {
            seen[rows + b] = true;
            queue.add(rows + b);
          }
        }
      } else {
        int b = v - rows;
        for (int a = 0; a < rows; a++) {
          if (status[a][b] != Status.SHOWN && !(a == i && b == j) && !seen[a]) {
            seen[a] = true;
            queue.add(a);
          }
        }
      }
    }
    return seen;
  }

  /** Suppressed cells as (row, column) pairs, for reports and tests. */
  public static List<int[]> suppressedCells(Cell[][] t) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < t[i].length; j++) {
        if (t[i][j].suppressed()) {
          out.add(new int[] {i, j});
        }
      }
    }
    return out;
  }
}
