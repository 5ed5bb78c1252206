package org.victimmonitor.link;

import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Replaces each record's cluster root by the cluster's person key ({@link PersonKeys#of}): a
 * surrogate derived from the smallest member's node id, stable across runs on the same records.
 */
public final class AssignPersonKeys
    extends PTransform<PCollection<Membership>, PCollection<Membership>> {

  @Override
  public PCollection<Membership> expand(PCollection<Membership> members) {
    return members
        .apply(
            "DeriveKeys",
            MapElements.into(TypeDescriptor.of(Membership.class))
                .via(m -> new Membership(m.node(), PersonKeys.of(m.cluster()))))
        .setCoder(Membership.Coder.of());
  }
}
