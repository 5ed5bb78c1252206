package org.victimmonitor.link;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Deterministic coders of the job's fixed-size summaries and of the fitted model. */
final class Summaries {
  private Summaries() {}

  /** Coder of a count table {@code long[][]} (level counts per field). */
  static final class CountTableCoder extends AtomicCoder<long[][]> {
    @Override
    public void encode(long[][] t, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeInt(t.length);
      for (long[] row : t) {
        out.writeInt(row.length);
        for (long v : row) {
          out.writeLong(v);
        }
      }
      out.flush();
    }

    @Override
    public long[][] decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      long[][] t = new long[in.readInt()][];
      for (int i = 0; i < t.length; i++) {
        t[i] = new long[in.readInt()];
        for (int j = 0; j < t[i].length; j++) {
          t[i][j] = in.readLong();
        }
      }
      return t;
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder of a histogram {@code long[]}. */
  static final class CountsCoder extends AtomicCoder<long[]> {
    private static final CountTableCoder TABLE = new CountTableCoder();

    @Override
    public void encode(long[] v, OutputStream os) throws IOException {
      TABLE.encode(new long[][] {v}, os);
    }

    @Override
    public long[] decode(InputStream is) throws IOException {
      return TABLE.decode(is)[0];
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder of the fitted model, through its JSON form. */
  static final class ModelCoder extends AtomicCoder<LinkageModel> {
    @Override
    public void encode(LinkageModel m, OutputStream os) throws IOException {
      StringUtf8Coder.of().encode(ModelJson.write(m), os);
    }

    @Override
    public LinkageModel decode(InputStream is) throws IOException {
      return ModelJson.read(StringUtf8Coder.of().decode(is));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
