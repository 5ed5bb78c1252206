package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/** The exact-key linker on a hand-made graph, on the DirectRunner with its checks on. */
class LinkByExactKeysTest {

  static StandardRecord record(
      String source, String period, String id, long row, Map<String, String> tokens) {
    int sourceKey = source.equals("care") ? 4 : 1;
    return new StandardRecord(
        source,
        source.equals("care") ? "registration" : "trafficking_report",
        period,
        id,
        row,
        sourceKey,
        StandardRecord.REGISTRATION,
        16_000,
        null,
        "sexual",
        1990,
        "F",
        "NL",
        null,
        tokens);
  }

  @Test
  void recordsSharingAnyMatchKeyAreOnePersonKeyedByTheirFirstRecord() {
    // a chain a - b - c over two different keys (two rounds), a singleton d, and e with no key;
    // bf_* tokens never link
    StandardRecord a = record("police", "2016", "a", 7, Map.of("mk_bsn", "K1"));
    StandardRecord b =
        record("care", "2015", "b", 3, Map.of("mk_bsn", "K1", "mk_name_dob_sex", "K2"));
    StandardRecord c =
        record("police", "2017", "c", 1, Map.of("mk_name_dob_sex", "K2", "bf_surname", "X"));
    StandardRecord d = record("police", "2016", "d", 9, Map.of("mk_bsn", "K3", "bf_surname", "X"));
    StandardRecord e = record("care", "2016", "e", 2, Map.of());

    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    PCollection<PersonAssignment> out =
        p.apply(
                Create.of(List.of(a, b, c, d, e))
                    .withCoder(SerializableCoder.of(StandardRecord.class)))
            .apply(new LinkByExactKeys(3, 2));
    // the chain's first record by period is b (care, 2015, row 3): source key 4
    long chain = PersonKeys.of(4, "2015", 3);
    PAssert.that(out)
        .containsInAnyOrder(
            new PersonAssignment(a.ref(), chain),
            new PersonAssignment(b.ref(), chain),
            new PersonAssignment(c.ref(), chain),
            new PersonAssignment(d.ref(), PersonKeys.of(1, "2016", 9)),
            new PersonAssignment(e.ref(), PersonKeys.of(4, "2016", 2)));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(RunManifest.counters(result))
        .doesNotContainKey(LoadCounters.LINK_CHANGED_LAST_ROUND);
  }

  @Test
  void tooFewRoundsAreCountedSoThatTheLoadFails() {
    StandardRecord a = record("police", "2014", "a", 1, Map.of("mk_bsn", "K1"));
    StandardRecord b =
        record("police", "2014", "b", 2, Map.of("mk_bsn", "K1", "mk_name_dob_sex", "K2"));
    StandardRecord c =
        record(
            "police",
            "2014",
            "c",
            3,
            Map.of("mk_name_dob_sex", "K2", "mk_initial_surname_dob", "K3"));
    StandardRecord d = record("police", "2014", "d", 4, Map.of("mk_initial_surname_dob", "K3"));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    p.apply(Create.of(List.of(a, b, c, d)).withCoder(SerializableCoder.of(StandardRecord.class)))
        .apply(new LinkByExactKeys(1, 2));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(RunManifest.counters(result).get(LoadCounters.LINK_CHANGED_LAST_ROUND)).isPositive();
  }

  @Test
  void personKeysCarryNoTokenAndOrderByPeriodFirst() {
    assertThat(PersonKeys.of(4, "2015", 3)).isEqualTo(40_000_000_000_000L + 2015_000_000_000L + 3);
    StandardRecord early = record("police", "2014", "z", 5, Map.of());
    StandardRecord late = record("care", "2015", "a", 1, Map.of());
    assertThat(PersonKeys.label(early)).isLessThan(PersonKeys.label(late));
    assertThat(PersonKeys.keyOf(PersonKeys.label(early))).isEqualTo(PersonKeys.of(1, "2014", 5));
  }
}
