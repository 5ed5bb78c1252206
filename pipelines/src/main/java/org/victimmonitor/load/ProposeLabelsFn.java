package org.victimmonitor.load;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * For the records sharing one match key: proposes the smallest of their labels to each record that
 * has a larger one.
 */
public final class ProposeLabelsFn
    extends DoFn<
        KV<String, Iterable<KV<String, String>>>, KV<String, LinkByExactKeys.LabelUpdate>> {
  @ProcessElement
  public void process(
      @Element KV<String, Iterable<KV<String, String>>> group,
      OutputReceiver<KV<String, LinkByExactKeys.LabelUpdate>> out) {
    String min = null;
    for (KV<String, String> member : group.getValue()) {
      if (min == null || member.getValue().compareTo(min) < 0) {
        min = member.getValue();
      }
    }
    for (KV<String, String> member : group.getValue()) {
      if (!member.getValue().equals(min)) {
        out.output(KV.of(member.getKey(), new LinkByExactKeys.LabelUpdate(null, min)));
      }
    }
  }
}
