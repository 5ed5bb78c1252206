package org.victimmonitor.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A compared candidate pair: the node ids of its records ({@code left < right}), its comparison
 * pattern, whether it contradicts hard evidence, and per field the term frequency of an exact
 * agreement ({@link Comparisons#frequencies}; 0 where none). Small on purpose: the records
 * themselves stay in their blocks.
 */
public record ComparedPair(
    String left, String right, long pattern, boolean contradicted, int[] frequencies)
    implements Serializable {

  public ComparedPair(String left, String right, long pattern, boolean contradicted) {
    this(left, right, pattern, contradicted, new int[0]);
  }

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
      VarIntCoder.of().encode(p.frequencies.length, os);
      for (int f : p.frequencies) {
        VarIntCoder.of().encode(f, os);
      }
    }

    @Override
    public ComparedPair decode(InputStream is) throws IOException {
      String left = StringUtf8Coder.of().decode(is);
      String right = StringUtf8Coder.of().decode(is);
      long pattern = VarLongCoder.of().decode(is);
      boolean contradicted = BooleanCoder.of().decode(is);
      int[] f = new int[VarIntCoder.of().decode(is)];
      for (int i = 0; i < f.length; i++) {
        f[i] = VarIntCoder.of().decode(is);
      }
      return new ComparedPair(left, right, pattern, contradicted, f);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
