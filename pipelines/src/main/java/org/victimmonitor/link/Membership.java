package org.victimmonitor.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * A record's cluster: its node id and the node id of the cluster's smallest member (the root), or
 * the person key once assigned.
 */
public record Membership(String node, String cluster) implements Serializable {

  /** Deterministic coder. */
  public static final class Coder extends AtomicCoder<Membership> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Membership m, OutputStream os) throws IOException {
      StringUtf8Coder.of().encode(m.node, os);
      StringUtf8Coder.of().encode(m.cluster, os);
    }

    @Override
    public Membership decode(InputStream is) throws IOException {
      return new Membership(StringUtf8Coder.of().decode(is), StringUtf8Coder.of().decode(is));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
