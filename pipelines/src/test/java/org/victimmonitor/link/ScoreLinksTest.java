package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scoring and the chaining guard on a model with known weights, on the DirectRunner with its checks
 * on: one field whose levels 1 to 4 weigh log2(1000), log2(20), log2(12) and log2(1/97) bits with a
 * prior of 0 bits, so posteriors 0.999 (strong), 0.952 and 0.923 (weak) and 0.010 (no link).
 */
class ScoreLinksTest {
  static final int STRONG = 1;
  static final int WEAK = 2;
  static final int WEAKER = 3;
  static final int NONE = 4;

  static LinkageModel model() {
    double[][] m = {{0, 0.9, 0.2, 0.12, 0.01}};
    double[][] u = {{0, 0.0009, 0.01, 0.01, 0.97}};
    return new LinkageModel(
        List.of("name"),
        List.of(List.of("missing", "exact", "close", "near", "different")),
        m,
        u,
        0.5,
        LinkageModel.DEFAULT_THRESHOLD,
        1,
        true,
        6);
  }

  static ComparedPair pair(String a, String b, int level, boolean contradicted) {
    String x = ClusterPersonsTest.node(a);
    String y = ClusterPersonsTest.node(b);
    return x.compareTo(y) < 0
        ? new ComparedPair(x, y, level, contradicted)
        : new ComparedPair(y, x, level, contradicted);
  }

  @ParameterizedTest
  @ValueSource(longs = {0L, 1L, 77L})
  void keepsStrongLinksAndTheWeakLinksThatAreTheBestOfOneOfTheirRecords(long salt) {
    assertThat(model().probability(new int[] {STRONG})).isGreaterThan(0.99);
    assertThat(model().probability(new int[] {WEAK})).isBetween(0.9, 0.99);
    assertThat(model().probability(new int[] {WEAKER})).isBetween(0.9, 0.99);
    assertThat(model().probability(new int[] {NONE})).isLessThan(0.9);

    Pipeline p = ClusterPersonsTest.directPipeline();
    PCollectionView<LinkageModel> view =
        p.apply("Model", Create.of(model()).withCoder(new Summaries.ModelCoder()))
            .apply("ModelView", View.asSingleton());
    List<ComparedPair> pairs =
        List.of(
            // a is tied to b by strong evidence
            pair("a", "b", STRONG, false),
            // weak a-c: not a's best, but c's only link, so kept
            pair("a", "c", WEAK, false),
            // weaker d-a: neither a's best (a-b) nor d's (d-e), so dropped
            pair("d", "a", WEAKER, false),
            // weak d-e: the best of both, kept
            pair("d", "e", WEAK, false),
            // below the threshold
            pair("f", "g", NONE, false),
            // over the threshold but contradicted by hard evidence
            pair("h", "i", STRONG, true));
    PCollection<String> links =
        p.apply("Pairs", Create.of(pairs).withCoder(ComparedPair.Coder.of()))
            .apply("ScoreLinks", new ScoreLinks(view, LinkConfig.DEFAULT_STRONG_THRESHOLD, salt))
            .apply(
                "Ends",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        l -> LinkRecord.parts(l.left())[3] + "-" + LinkRecord.parts(l.right())[3]));
    PAssert.that(links).containsInAnyOrder("a-b", "a-c", "d-e");
    PipelineResult r = p.run();
    r.waitUntilFinish();

    assertThat(BlockRecordsTest.counter(r, "candidate_pairs")).isEqualTo(6);
    assertThat(BlockRecordsTest.counter(r, "pairs_above_threshold")).isEqualTo(5);
    assertThat(BlockRecordsTest.counter(r, "links_refused_by_hard_evidence")).isEqualTo(1);
    assertThat(BlockRecordsTest.counter(r, "strong_links")).isEqualTo(1);
    assertThat(BlockRecordsTest.counter(r, "weak_links_kept")).isEqualTo(2);
    assertThat(BlockRecordsTest.counter(r, "weak_links_dropped")).isEqualTo(1);
  }
}
