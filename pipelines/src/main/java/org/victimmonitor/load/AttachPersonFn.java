package org.victimmonitor.load;

import java.util.Iterator;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Gives each record that stays its person; a police follow-up record with no person here was
 * minimised (and counted). A registration or support record without a person, or any record with
 * several, breaks the linker's contract and fails the load rather than losing the row; a police
 * record the linker left out would fail the per-delivery reconciliation.
 */
public final class AttachPersonFn extends DoFn<StandardRecord, LinkedRecord> {
  private final PCollectionView<Map<String, Iterable<Long>>> keptView;
  private transient Map<String, Iterable<Long>> kept;

  AttachPersonFn(PCollectionView<Map<String, Iterable<Long>>> keptView) {
    this.keptView = keptView;
  }

  @StartBundle
  public void start() {
    kept = null;
  }

  @ProcessElement
  public void process(ProcessContext c) {
    if (kept == null) {
      // once per bundle: the DirectRunner builds a map view on every read
      kept = c.sideInput(keptView);
    }
    StandardRecord r = c.element();
    Iterable<Long> keys = kept.get(r.ref());
    Iterator<Long> it = keys == null ? null : keys.iterator();
    if (it == null || !it.hasNext()) {
      if (MinimisePersonFn.POLICE_FOLLOW_UP.contains(r.role())) {
        return;
      }
      throw new IllegalStateException(
          "the linker assigned no person to a record of "
              + r.deliveryId()
              + " row "
              + r.rowNumber()
              + " (exactly one expected)");
    }
    long key = it.next();
    if (it.hasNext()) {
      throw new IllegalStateException(
          "the linker assigned several persons to a record of "
              + r.deliveryId()
              + " row "
              + r.rowNumber()
              + " (exactly one expected)");
    }
    c.output(new LinkedRecord(r, key));
  }
}
