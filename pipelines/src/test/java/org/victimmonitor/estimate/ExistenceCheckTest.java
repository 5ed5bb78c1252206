package org.victimmonitor.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExistenceCheckTest {

  // Patterns as bits: A = 1, B = 2, C = 4.
  private static OverlapTable threeLists(
      long a, long b, long ab, long c, long ac, long bc, long abc) {
    return OverlapTable.of(
        "test", List.of("A", "B", "C"), new long[] {0, a, b, ab, c, ac, bc, abc});
  }

  @Test
  void mainEffectsOnAnOrdinaryTablePass() {
    OverlapTable t = threeLists(10, 12, 3, 20, 4, 2, 1);
    assertThat(new LogLinearModel(t, List.of()).check()).isEqualTo(ExistenceCheck.Outcome.OK);
    assertThat(new LogLinearModel(t, ModelSelection.allInteractions(3)).check())
        .isEqualTo(ExistenceCheck.Outcome.OK);
  }

  @Test
  void estimateDoesNotExistWhenEveryoneOnAIsAlsoOnB() {
    // With an A:B term, n_A - n_AB = 0 forces the cells "A without B" to zero in every table
    // with the same margins, so no strictly positive table matches: the MLE is at the boundary.
    OverlapTable t = threeLists(0, 10, 5, 20, 0, 2, 1);
    assertThat(new LogLinearModel(t, List.of(Interaction.of(0, 1))).check())
        .isEqualTo(ExistenceCheck.Outcome.NOT_EXISTING);
    assertThat(new LogLinearModel(t, List.of()).check()).isEqualTo(ExistenceCheck.Outcome.OK);
    // Less obvious: with B:C, N - n_B - n_C + n_BC counts exactly the people on A alone, which
    // is zero here, so that model has no estimate either.
    assertThat(new LogLinearModel(t, List.of(Interaction.of(1, 2))).check())
        .isEqualTo(ExistenceCheck.Outcome.NOT_EXISTING);
  }

  @Test
  void notIdentifiableWhenRemovedCellsLeaveTooFewForTheParameters() {
    // B and C share nobody: with all three interactions, B:C removes two of the seven cells and
    // five cells cannot identify the six remaining parameters.
    OverlapTable t = threeLists(10, 12, 3, 20, 4, 0, 0);
    ExistenceCheck.Outcome outcome =
        new LogLinearModel(t, ModelSelection.allInteractions(3)).check();
    assertThat(outcome)
        .isIn(ExistenceCheck.Outcome.NOT_IDENTIFIABLE, ExistenceCheck.Outcome.NEITHER);
    assertThat(ExistenceCheck.fullColumnRank(new double[][] {{1, 0}, {1, 0}})).isFalse();
  }

  @Test
  void stepwiseNeverAddsATermThatBreaksTheEstimate() {
    OverlapTable t = threeLists(0, 10, 5, 20, 0, 2, 1);
    ModelFit fit = ModelSelection.stepwise(t, 0.5);
    assertThat(fit.interactions()).doesNotContain(Interaction.of(0, 1));
    assertThat(new LogLinearModel(t, fit.interactions()).check())
        .isEqualTo(ExistenceCheck.Outcome.OK);
  }
}
