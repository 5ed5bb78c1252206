package org.victimmonitor.link;

import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

/** Person keys against a previous mapping: kept, merged, split, new. */
class AssignPersonKeysTest {

  static String node(String id) {
    return LinkRecord.id("police", "report", "2020", id);
  }

  @Test
  void keepsMergesAndSplits() {
    DirectOptions o = PipelineOptionsFactory.create().as(DirectOptions.class);
    o.setRunner(DirectRunner.class);
    Pipeline p = Pipeline.create(o);
    // New clusters: {a, b, c} rooted at a; {d} ; {e, f} rooted at e; {g} (a new record).
    List<Membership> members =
        List.of(
            new Membership(node("a"), node("a")),
            new Membership(node("b"), node("a")),
            new Membership(node("c"), node("a")),
            new Membership(node("d"), node("d")),
            new Membership(node("e"), node("e")),
            new Membership(node("f"), node("e")),
            new Membership(node("g"), node("g")));
    // Before: {a, b} were pOLD1, {c} was pOLD2 (merged now); {d, e, f} were pOLD3 (split now).
    List<String> previous =
        List.of(
            "source,dataset,record_id,person_key",
            "police,report,a,pOLD1",
            "police,report,b,pOLD1",
            "police,report,c,pOLD2",
            "police,report,d,pOLD3",
            "police,report,e,pOLD3",
            "police,report,f,pOLD3");
    PCollection<String> prev =
        p.apply("Previous", Create.of(previous).withCoder(StringUtf8Coder.of()));
    PCollectionTuple out =
        p.apply("Members", Create.of(members).withCoder(Membership.Coder.of()))
            .apply("AssignPersonKeys", new AssignPersonKeys(prev));
    String dKey = PersonKeys.of(node("d"));
    String gKey = PersonKeys.of(node("g"));
    PAssert.that(out.get(AssignPersonKeys.KEYED))
        .containsInAnyOrder(
            new Membership(node("a"), "pOLD1"),
            new Membership(node("b"), "pOLD1"),
            new Membership(node("c"), "pOLD1"),
            new Membership(node("d"), dKey),
            new Membership(node("e"), "pOLD3"),
            new Membership(node("f"), "pOLD3"),
            new Membership(node("g"), gKey));
    PAssert.that(out.get(AssignPersonKeys.CHANGES))
        .containsInAnyOrder("merge,pOLD2,pOLD1", "split,pOLD3," + dKey);
    p.run().waitUntilFinish();
  }

  @Test
  void withoutAPreviousMappingKeysComeFromTheSmallestMember() {
    DirectOptions o = PipelineOptionsFactory.create().as(DirectOptions.class);
    o.setRunner(DirectRunner.class);
    Pipeline p = Pipeline.create(o);
    PCollectionTuple out =
        p.apply(
                "Members",
                Create.of(
                        new Membership(node("a"), node("a")), new Membership(node("b"), node("a")))
                    .withCoder(Membership.Coder.of()))
            .apply("AssignPersonKeys", new AssignPersonKeys(null));
    String key = PersonKeys.of(node("a"));
    PAssert.that(out.get(AssignPersonKeys.KEYED))
        .containsInAnyOrder(new Membership(node("a"), key), new Membership(node("b"), key));
    PAssert.that(out.get(AssignPersonKeys.CHANGES)).empty();
    p.run().waitUntilFinish();
  }
}
