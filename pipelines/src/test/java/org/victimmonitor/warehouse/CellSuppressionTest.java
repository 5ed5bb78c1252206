package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.victimmonitor.warehouse.CellSuppression.Cell;
import org.victimmonitor.warehouse.CellSuppression.Status;

class CellSuppressionTest {
  static final DisclosureRules RULES = new DisclosureRules(10, false, 0);

  static Status[][] statuses(Cell[][] t) {
    Status[][] s = new Status[t.length][t[0].length];
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < t[0].length; j++) {
        s[i][j] = t[i][j].status();
      }
    }
    return s;
  }

  @Test
  void oneSmallCellCostsItsRowColumnAndCornerPartners() {
    //        a    b    c  | total
    // x      3   40   50  |  93
    // y     20   30   60  | 110
    // total 23   70  110  | 203
    Cell[][] t = CellSuppression.protect(new long[][] {{3, 40, 50}, {20, 30, 60}}, RULES);
    Status P = Status.PRIMARY;
    Status S = Status.SECONDARY;
    Status o = Status.SHOWN;
    assertThat(statuses(t)).isEqualTo(new Status[][] {{P, S, o, o}, {S, S, o, o}, {o, o, o, o}});
    assertThat(t[0][3].published()).isEqualTo(93);
    assertThat(t[2][3].published()).isEqualTo(203);
  }

  @Test
  void aSmallTotalIsSuppressedTooAndZerosAreShown() {
    // one column: x=4, y=0, z=30 -> the column total 34 is shown, x must not be recoverable
    Cell[][] t = CellSuppression.protect(new long[][] {{4}, {0}, {30}}, RULES);
    // x is primary; its row total equals it, so the total of row x goes too; the column needs a
    // second suppressed cell, and the smallest non-zero one is z's
    assertThat(t[0][0].status()).isEqualTo(Status.PRIMARY);
    assertThat(t[0][1].status()).isEqualTo(Status.PRIMARY);
    assertThat(t[1][0].status()).isEqualTo(Status.SHOWN);
    assertThat(t[1][0].published()).isZero();
    assertNoSuppressedCellIsDetermined(t);
  }

  @Test
  void roundingToBaseFive() {
    Cell[][] t =
        CellSuppression.protect(
            new long[][] {{12, 23}, {37, 41}}, new DisclosureRules(10, false, 5));
    assertThat(t[0][0].published()).isEqualTo(10);
    assertThat(t[0][1].published()).isEqualTo(25);
    assertThat(t[1][0].published()).isEqualTo(35);
    assertThat(t[2][2].published()).isEqualTo(115);
  }

  @Test
  void noSuppressedCellCanBeRecoveredFromTheTotalsInRandomTables() {
    SplittableRandom rng = new SplittableRandom(42);
    for (int run = 0; run < 300; run++) {
      int r = 1 + rng.nextInt(6);
      int c = 1 + rng.nextInt(6);
      long[][] a = new long[r][c];
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < c; j++) {
          a[i][j] = rng.nextInt(4) == 0 ? rng.nextInt(10) : rng.nextInt(200);
        }
      }
      Cell[][] t = CellSuppression.protect(a, RULES);
      for (Cell[] row : t) {
        for (Cell cell : row) {
          if (cell.count() > 0 && cell.count() < 10) {
            assertThat(cell.suppressed()).isTrue();
          }
        }
      }
      assertNoSuppressedCellIsDetermined(t);
    }
  }

  @Test
  void unpublishedTotalsAndStructuralZerosInRandomTables() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int run = 0; run < 300; run++) {
      int r = 1 + rng.nextInt(6);
      int c = 1 + rng.nextInt(6);
      long[][] full = new long[r + 1][c + 1];
      boolean[][] published = new boolean[r + 1][c + 1];
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < c; j++) {
          boolean structural = rng.nextInt(5) == 0;
          full[i][j] = structural ? 0 : rng.nextInt(3) == 0 ? rng.nextInt(10) : rng.nextInt(200);
          published[i][j] = !structural;
          full[i][c] += full[i][j];
          full[r][j] += full[i][j];
          full[r][c] += full[i][j];
        }
      }
      for (int i = 0; i <= r; i++) {
        published[i][c] = rng.nextInt(3) > 0;
      }
      for (int j = 0; j < c; j++) {
        published[r][j] = rng.nextInt(3) > 0;
      }
      Cell[][] t = CellSuppression.protect(full, published, null, RULES);
      for (int i = 0; i <= r; i++) {
        for (int j = 0; j <= c; j++) {
          boolean margin = i == r || j == c;
          if (margin && !published[i][j]) {
            assertThat(t[i][j].status()).isEqualTo(CellSuppression.Status.NOT_PUBLISHED);
          } else if (full[i][j] > 0 && full[i][j] < 10) {
            assertThat(t[i][j].suppressed()).as("small cell %d,%d shown", i, j).isTrue();
          }
          if (!margin && !published[i][j]) {
            assertThat(t[i][j].suppressed()).as("structural zero chosen").isFalse();
          }
        }
      }
      assertNoSuppressedCellIsDetermined(t);
    }
  }

  @Test
  void anUnpublishedTotalNeedsNoPartnerButAPublishedOneDoes() {
    // one-way table: 4 and 50 with the total 54 published, row totals (= the cells) unpublished
    long[][] full = {{4, 4}, {50, 50}, {54, 54}};
    boolean[][] published = {{true, false}, {true, false}, {true, false}};
    Cell[][] t = CellSuppression.protect(full, published, null, RULES);
    assertThat(t[0][0].status()).isEqualTo(CellSuppression.Status.PRIMARY);
    assertThat(t[1][0].status()).isEqualTo(CellSuppression.Status.SECONDARY);
    assertThat(t[2][0].status()).isEqualTo(CellSuppression.Status.SHOWN);
    assertThat(t[2][0].published()).isEqualTo(54);
  }

  /**
   * Independent oracle: the lines of the table are linear equations over the suppressed cells; a
   * cell is determined exactly when its unit vector lies in the row space of those equations.
   */
  static void assertNoSuppressedCellIsDetermined(Cell[][] t) {
    // the unknowns: suppressed cells and totals the table does not publish
    List<int[]> cells = new java.util.ArrayList<>();
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < t[i].length; j++) {
        if (t[i][j].hidden()) {
          cells.add(new int[] {i, j});
        }
      }
    }
    if (cells.isEmpty()) {
      return;
    }
    int rows = t.length;
    int cols = t[0].length;
    double[][] eq = new double[rows + cols][cells.size()];
    for (int k = 0; k < cells.size(); k++) {
      int i = cells.get(k)[0];
      int j = cells.get(k)[1];
      // row line: interior cells minus the row total; column line likewise
      eq[i][k] = j == cols - 1 ? -1 : 1;
      eq[rows + j][k] = i == rows - 1 ? -1 : 1;
    }
    int rank = rank(eq);
    for (int k = 0; k < cells.size(); k++) {
      if (!t[cells.get(k)[0]][cells.get(k)[1]].suppressed()) {
        continue; // an unpublished total needs no protection of its own
      }
      double[][] plus = new double[eq.length + 1][];
      System.arraycopy(eq, 0, plus, 0, eq.length);
      plus[eq.length] = new double[cells.size()];
      plus[eq.length][k] = 1;
      assertThat(rank(plus))
          .as("cell %s is recoverable", java.util.Arrays.toString(cells.get(k)))
          .isEqualTo(rank + 1);
    }
  }

  static int rank(double[][] m) {
    return new SingularValueDecomposition(new Array2DRowRealMatrix(m)).getRank();
  }
}
