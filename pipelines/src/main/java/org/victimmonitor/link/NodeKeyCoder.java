package org.victimmonitor.link;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * Coder of a string used as a grouping key, such as a node id: four bytes of the string's hash,
 * then the string. Equal strings still encode equally and different ones differently, so grouping
 * is unchanged; only the order of the encoded keys changes, which no grouping relies on.
 *
 * <p>Why: the embedded engine sorts on the first bytes of the encoded key (its normalized key) and
 * reads both keys back only when those bytes tie. Node ids ({@code source TAB dataset TAB period
 * TAB record id}) of one delivery share their first 25 bytes or more, so without the hash in front
 * nearly every comparison of a sort by node id was such a tie.
 */
public final class NodeKeyCoder extends AtomicCoder<String> {
  private static final NodeKeyCoder INSTANCE = new NodeKeyCoder();

  public static NodeKeyCoder of() {
    return INSTANCE;
  }

  private NodeKeyCoder() {}

  @Override
  public void encode(String value, OutputStream os) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null key");
    }
    DataOutputStream out = new DataOutputStream(os);
    out.writeInt(prefix(value));
    out.flush();
    StringUtf8Coder.of().encode(value, os);
  }

  @Override
  public String decode(InputStream is) throws IOException {
    // the prefix is only there for the engine's sort; checking it again cost 2% of the national
    // link's CPU (a hash code for every decoded key)
    is.skipNBytes(4);
    return StringUtf8Coder.of().decode(is);
  }

  /** The hash prefix: the string's hash code, spread over all 32 bits. */
  static int prefix(String value) {
    return (int) (Blocking.mix(value.hashCode()) >>> 32);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
