package org.victimmonitor.load;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** For each match key of a record: (key, (record ref, record's current label)). */
public final class EmitKeyLabelsFn
    extends DoFn<KV<String, LinkByExactKeys.Node>, KV<String, KV<String, String>>> {
  @ProcessElement
  public void process(
      @Element KV<String, LinkByExactKeys.Node> node,
      OutputReceiver<KV<String, KV<String, String>>> out) {
    for (String key : node.getValue().keys()) {
      out.output(KV.of(key, KV.of(node.getKey(), node.getValue().label())));
    }
  }
}
