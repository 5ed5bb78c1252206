package org.victimmonitor.load;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Takes the smallest of a record's label and the labels proposed to it. In the last round, counts
 * the records whose label still changed: then the rounds were too few and the load fails.
 */
public final class UpdateLabelFn
    extends DoFn<
        KV<String, Iterable<LinkByExactKeys.LabelUpdate>>, KV<String, LinkByExactKeys.Node>> {
  private final boolean lastRound;
  private final Counter changed =
      Metrics.counter(LoadCounters.NAMESPACE, LoadCounters.LINK_CHANGED_LAST_ROUND);

  public UpdateLabelFn(boolean lastRound) {
    this.lastRound = lastRound;
  }

  @ProcessElement
  public void process(
      @Element KV<String, Iterable<LinkByExactKeys.LabelUpdate>> updates,
      OutputReceiver<KV<String, LinkByExactKeys.Node>> out) {
    LinkByExactKeys.Node node = null;
    String min = null;
    for (LinkByExactKeys.LabelUpdate u : updates.getValue()) {
      if (u.node() != null) {
        if (node != null) {
          throw new IllegalStateException(
              "two records with the same reference " + updates.getKey());
        }
        node = u.node();
      } else if (min == null || u.proposal().compareTo(min) < 0) {
        min = u.proposal();
      }
    }
    if (node == null) {
      throw new IllegalStateException("a label was proposed to an unknown record");
    }
    if (lastRound) {
      LoadProgress.LINKED.incrementAndGet();
    }
    if (min == null || min.compareTo(node.label()) >= 0) {
      out.output(KV.of(updates.getKey(), node));
      return;
    }
    if (lastRound) {
      changed.inc();
    }
    out.output(KV.of(updates.getKey(), new LinkByExactKeys.Node(min, node.keys())));
  }
}
