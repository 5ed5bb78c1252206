package org.victimmonitor.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.victimmonitor.common.BadInputException;

/**
 * Known-answer tests against the SparseMSE reference values in ../shared/benchmarks/README.md (mse
 * section): main-effects and stepwise totals within 0.5%, the stepwise model's interactions in the
 * order they were added, and the lognormal 95% bounds within 2%.
 */
class MultipleSystemsEstimationTest {

  static final Path BENCHMARKS =
      Path.of(System.getProperty("project.root", "..")).resolve("../shared/benchmarks/mse");

  static OverlapTable benchmark(String name) {
    return OverlapTableCsv.read(BENCHMARKS.resolve(name));
  }

  @Test
  void western() {
    assertBenchmark("Western.csv", 345, 2007, 2483, List.of("A:E"), 1657, 3830);
  }

  @Test
  void newOrleans() {
    assertBenchmark("NewOrl.csv", 186, 949, 1110, List.of("D:E"), 692, 1874);
  }

  @Test
  void newOrleansFiveLists() {
    assertBenchmark("NewOrl_5.csv", 186, 981, 981, List.of(), 636, 1591);
  }

  @Test
  void ukFiveLists() {
    assertBenchmark(
        "UKdat_5.csv",
        2744,
        13444,
        11313,
        List.of("LA:NG", "NG:GP", "PFNCA:GP", "LA:PFNCA", "GO:GP", "NG:GO"),
        9884,
        13027);
  }

  @Test
  void ukSixLists() {
    assertBenchmark(
        "UKdat.csv",
        2744,
        12214,
        11418,
        List.of("PF:NCA", "LA:NG", "NG:GP", "LA:PF", "PF:GP", "GO:GP", "NG:GO"),
        9977,
        13146);
  }

  private static void assertBenchmark(
      String file,
      long observed,
      double main,
      double stepwise,
      List<String> model,
      double lower,
      double upper) {
    OverlapTable table = benchmark(file);
    PopulationEstimate m = MultipleSystemsEstimation.estimate(table, SelectionMethod.MAIN, 0.02);
    PopulationEstimate s =
        MultipleSystemsEstimation.estimate(table, SelectionMethod.STEPWISE, 0.02);
    assertThat(m.observed()).isEqualTo(observed);
    assertThat(m.model()).isEmpty();
    assertThat(m.estimate()).isCloseTo(main, withinPercentage(0.5));
    assertThat(s.estimate()).isCloseTo(stepwise, withinPercentage(0.5));
    assertThat(s.model()).containsExactlyElementsOf(model);
    assertThat(s.lower()).isCloseTo(lower, withinPercentage(2));
    assertThat(s.upper()).isCloseTo(upper, withinPercentage(2));
  }

  @Test
  void lincolnPetersenOnTwoLists() {
    // Two lists: the main-effects model is saturated and gives n10 * n01 / n11 unobserved.
    OverlapTable t = OverlapTable.of("two lists", List.of("A", "B"), new long[] {0, 30, 20, 10});
    PopulationEstimate e = MultipleSystemsEstimation.estimate(t, SelectionMethod.STEPWISE, 0.02);
    assertThat(e.model()).isEmpty();
    assertThat(e.unobserved()).isCloseTo(60, within(1e-6));
    assertThat(e.estimate()).isCloseTo(120, within(1e-6));
    assertThat(e.lower()).isLessThan(120).isGreaterThan(60);
    assertThat(e.upper()).isGreaterThan(120);
  }

  @Test
  void bicChoosesAnEstimableModelAtLeastAsGoodAsStepwise() {
    for (String file : List.of("Western.csv", "NewOrl.csv", "UKdat.csv")) {
      OverlapTable table = benchmark(file);
      ModelFit bic = ModelSelection.select(table, SelectionMethod.BIC, 0.02);
      ModelFit stepwise = ModelSelection.select(table, SelectionMethod.STEPWISE, 0.02);
      assertThat(bic.bic()).as(file).isLessThanOrEqualTo(stepwise.bic() + 1e-9);
      assertThat(bic.total()).as(file).isFinite().isGreaterThan(table.observed());
    }
  }

  @Test
  void bicOnWesternPicksTheStepwiseModel() {
    PopulationEstimate e =
        MultipleSystemsEstimation.estimate(benchmark("Western.csv"), SelectionMethod.BIC, 0.02);
    assertThat(e.model()).containsExactly("A:E");
  }

  @Test
  void aGivenModelIsFittedAsNamed() {
    // UKdat_5 with the six interactions stepwise chooses, named in another order and spelling:
    // the reference values of the stepwise model.
    PopulationEstimate e =
        MultipleSystemsEstimation.estimateGiven(
            benchmark("UKdat_5.csv"),
            List.of("GO:NG", "GP:GO", "LA:PFNCA", "PFNCA:GP", "NG:GP", " LA:NG"),
            0,
            1,
            done -> {});
    assertThat(e.method()).isEqualTo(SelectionMethod.GIVEN);
    assertThat(e.model())
        .containsExactly("NG:GO", "GO:GP", "LA:PFNCA", "PFNCA:GP", "NG:GP", "LA:NG");
    assertThat(e.estimate()).isCloseTo(11313, withinPercentage(0.5));
    assertThat(e.lower()).isCloseTo(9884, withinPercentage(2));
    assertThat(e.upper()).isCloseTo(13027, withinPercentage(2));
    // the bootstrap refits the same model: seeded, and around the estimate
    PopulationEstimate b =
        MultipleSystemsEstimation.estimateGiven(
            benchmark("Western.csv"), List.of("A:E"), 200, 7, done -> {});
    assertThat(b.estimate()).isCloseTo(2483, withinPercentage(0.5));
    assertThat(b.bootstrap()).isEqualTo(new PopulationEstimate.Bootstrap(200, 0, 7));
    assertThat(b.lower()).isLessThan(b.estimate()).isGreaterThan(345);
    assertThat(b.upper()).isGreaterThan(b.estimate());
  }

  @Test
  void aGivenModelWithBadNamesOrNoEstimateIsRefused() {
    OverlapTable western = benchmark("Western.csv");
    assertThatThrownBy(
            () -> MultipleSystemsEstimation.estimateGiven(western, List.of("A:Z"), 0, 1, d -> {}))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("'A:Z' names a list the table does not have")
        .hasMessageContaining("A, B, C, D, E");
    assertThatThrownBy(
            () -> MultipleSystemsEstimation.estimateGiven(western, List.of("A:A"), 0, 1, d -> {}))
        .hasMessageContaining("names the same list twice");
    assertThatThrownBy(
            () ->
                MultipleSystemsEstimation.estimateGiven(
                    western, List.of("A:E", "E:A"), 0, 1, d -> {}))
        .hasMessageContaining("'E:A' is given twice");
    assertThatThrownBy(
            () -> MultipleSystemsEstimation.estimateGiven(western, List.of("AE"), 0, 1, d -> {}))
        .hasMessageContaining("two list names joined by ':'");
    // two lists: the main-effects model is saturated, an interaction leaves no estimate
    OverlapTable two = OverlapTable.of("two lists", List.of("A", "B"), new long[] {0, 30, 20, 10});
    assertThatThrownBy(
            () -> MultipleSystemsEstimation.estimateGiven(two, List.of("A:B"), 0, 1, d -> {}))
        .isInstanceOf(NoEstimateException.class)
        .hasMessageContaining("main effects + A:B has no");
  }

  @Test
  void bootstrapIsSeededAndBracketsTheEstimate() {
    OverlapTable table = benchmark("Western.csv");
    PopulationEstimate a =
        MultipleSystemsEstimation.estimateWithBootstrap(
            table, SelectionMethod.STEPWISE, 0.02, 200, 7, done -> {});
    PopulationEstimate b =
        MultipleSystemsEstimation.estimateWithBootstrap(
            table, SelectionMethod.STEPWISE, 0.02, 200, 7, done -> {});
    assertThat(a.lower()).isEqualTo(b.lower());
    assertThat(a.upper()).isEqualTo(b.upper());
    assertThat(a.bootstrap()).isEqualTo(new PopulationEstimate.Bootstrap(200, 0, 7));
    assertThat(a.estimate()).isCloseTo(2483, withinPercentage(0.5));
    assertThat(a.lower()).isLessThan(a.estimate()).isGreaterThan(table.observed());
    assertThat(a.upper()).isGreaterThan(a.estimate());
  }

  @Test
  void interactionBetweenListsThatNeverOverlapFixesTheirCellsAtZero() {
    // In New Orleans nobody is on both B and C, so the B:C parameter is minus infinity.
    OverlapTable table = benchmark("NewOrl.csv");
    Interaction bc = Interaction.of(1, 2);
    assertThat(table.overlap(1, 2)).isZero();
    LogLinearModel model = new LogLinearModel(table, List.of(bc));
    assertThat(model.check()).isEqualTo(ExistenceCheck.Outcome.OK);
    ModelFit fit = model.fit();
    assertThat(fit.emptyOverlaps()).containsExactly(bc);
    assertThat(fit.parameters()).isEqualTo(1 + 8 + 1);
    for (int p = 1; p <= table.patternCount(); p++) {
      if ((p & bc.mask()) == bc.mask()) {
        assertThat(fit.fitted()[p]).isZero();
      } else {
        assertThat(fit.fitted()[p]).isPositive();
      }
    }
    assertThat(fit.total()).isFinite().isGreaterThan(table.observed());
  }

  @Test
  void tableWhereEveryoneOnBIsAlsoOnAHasNoEstimate() {
    // Two lists, nobody on B alone: the saturated model puts n10 * n01 / n11 = 0 people on no
    // list, a boundary estimate. It must be refused with a message, never returned as 0 or NaN.
    OverlapTable t = OverlapTable.of("boundary.csv", List.of("A", "B"), new long[] {0, 5, 0, 3});
    assertThatThrownBy(() -> MultipleSystemsEstimation.estimateGiven(t, List.of(), 0, 1, d -> {}))
        .isInstanceOf(NoEstimateException.class)
        .hasMessageContaining("boundary.csv: the model main effects has no");
    for (SelectionMethod method :
        List.of(SelectionMethod.MAIN, SelectionMethod.STEPWISE, SelectionMethod.BIC)) {
      assertThatThrownBy(() -> MultipleSystemsEstimation.estimate(t, method, 0.02))
          .as(method.name())
          .isInstanceOf(NoEstimateException.class)
          .hasMessageContaining("boundary.csv")
          .hasMessageContaining("main-effects model has no estimate")
          .message()
          .doesNotContain("NaN");
    }
  }
}
