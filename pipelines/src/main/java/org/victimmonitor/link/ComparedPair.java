package org.victimmonitor.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A compared candidate pair: the node ids of its records ({@code left < right}), its comparison
 * pattern, and whether it contradicts hard evidence. Small on purpose: the records themselves stay
 * in their blocks.
 */
public record ComparedPair(String left, String right, long pattern, boolean contradicted)
    implements Serializable {

  /** Identity of the pair, the same in every block that produced it. */
  public String pairId() {
    return left + '\n' + right;
  }

  /** Deterministic coder. */
  public static final class Coder extends AtomicCoder<ComparedPair> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(ComparedPair p, OutputStream os) throws IOException {
      StringUtf8Coder.of().encode(p.left, os);
      StringUtf8Coder.of().encode(p.right, os);
      VarLongCoder.of().encode(p.pattern, os);
      BooleanCoder.of().encode(p.contradicted, os);
    }

    @Override
    public ComparedPair decode(InputStream is) throws IOException {
      return new ComparedPair(
          StringUtf8Coder.of().decode(is),
          StringUtf8Coder.of().decode(is),
          VarLongCoder.of().decode(is),
          BooleanCoder.of().decode(is));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
