package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkageEvaluationTest {

  @Test
  void pairwiseAndBcubedKnownAnswer() {
    // Truth: {a,b,c} {d,e} {f}. Predicted: {a,b} {c,d,e} {f}.
    Map<String, String> truth = Map.of("a", "1", "b", "1", "c", "1", "d", "2", "e", "2", "f", "3");
    Map<String, String> pred = Map.of("a", "x", "b", "x", "c", "y", "d", "y", "e", "y", "f", "z");
    LinkageEvaluation e = LinkageEvaluation.of(pred, truth);
    // True pairs: ab ac bc de = 4. Predicted: ab cd ce de = 4. Correct: ab de = 2.
    assertThat(e.truePairs()).isEqualTo(4);
    assertThat(e.predictedPairs()).isEqualTo(4);
    assertThat(e.correctPairs()).isEqualTo(2);
    assertThat(e.precision()).isEqualTo(0.5);
    assertThat(e.recall()).isEqualTo(0.5);
    assertThat(e.f1()).isEqualTo(0.5);
    // B-cubed precision per record: a 1, b 1, c 1/3, d 2/3, e 2/3, f 1 -> 14/3 / 6 = 7/9.
    assertThat(e.bcubedPrecision()).isCloseTo(7.0 / 9, within(1e-12));
    // B-cubed recall: a 2/3, b 2/3, c 1/3, d 1, e 1, f 1 -> 14/3 / 6 = 7/9.
    assertThat(e.bcubedRecall()).isCloseTo(7.0 / 9, within(1e-12));
    assertThat(e.bcubedF1()).isCloseTo(7.0 / 9, within(1e-12));
    assertThat(e.predictedClusters()).isEqualTo(3);
    assertThat(e.trueClusters()).isEqualTo(3);
  }

  @Test
  void perfectAndAllSingletons() {
    Map<String, String> truth = Map.of("a", "1", "b", "1", "c", "2");
    LinkageEvaluation perfect = LinkageEvaluation.of(Map.of("a", "p", "b", "p", "c", "q"), truth);
    assertThat(perfect.f1()).isEqualTo(1.0);
    assertThat(perfect.bcubedF1()).isEqualTo(1.0);
    LinkageEvaluation none = LinkageEvaluation.of(Map.of("a", "p", "b", "q", "c", "r"), truth);
    assertThat(none.precision()).isEqualTo(1.0); // nothing claimed, nothing wrong
    assertThat(none.recall()).isZero();
    assertThat(none.f1()).isZero();
    assertThat(none.bcubedPrecision()).isEqualTo(1.0);
    assertThat(none.bcubedRecall()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void refusesDifferentRecordSets() {
    assertThatThrownBy(() -> LinkageEvaluation.of(Map.of("a", "x"), Map.of("b", "1")))
        .hasMessageContaining("1 clustered records are not in the truth");
  }

  @Test
  void febrlTruthFromRecordIds() {
    Map<String, String> clusters =
        Map.of("febrl\tfebrl\trec-12-org", "p1", "febrl\tfebrl\trec-12-dup-0", "p2");
    assertThat(ClusterFiles.febrlTruth(clusters).values()).containsOnly("12");
  }
}
