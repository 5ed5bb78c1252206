package org.victimmonitor.load;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * Grouping through hash buckets gives what GroupByKey gives: every key once with all its values, on
 * the DirectRunner with its checks on, with fewer buckets than keys (several keys share a bucket)
 * and more elements than one batch.
 */
class GroupInBucketsTest {

  static Pipeline pipeline() {
    DirectOptions o = PipelineOptionsFactory.create().as(DirectOptions.class);
    o.setRunner(DirectRunner.class);
    return Pipeline.create(o);
  }

  @Test
  void groupsEveryKeyOnceWithAllItsValues() {
    Pipeline p = pipeline();
    List<KV<String, Integer>> in = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int k = 0; k < 50; k++) {
      StringBuilder values = new StringBuilder();
      for (int v = 0; v <= k * 100; v += 1 + k) {
        in.add(KV.of("k" + k, v));
        values.append(values.length() == 0 ? "" : ",").append(v);
      }
      expected.add("k" + k + "=" + sorted(values.toString()));
    }
    PCollection<String> out =
        p.apply(Create.of(in).withCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
            .apply(new GroupInBuckets<>(VarIntCoder.of(), 3))
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(g -> g.getKey() + "=" + sortedInts(g.getValue())));
    PAssert.that(out).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  static String sorted(String csv) {
    List<Integer> xs = new ArrayList<>();
    for (String s : csv.split(",")) {
      xs.add(Integer.parseInt(s));
    }
    return sortedInts(xs);
  }

  static String sortedInts(Iterable<Integer> values) {
    List<Integer> xs = new ArrayList<>();
    values.forEach(xs::add);
    xs.sort(Integer::compare);
    return xs.toString();
  }
}
