package org.victimmonitor.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** The records of one block (or one part of an oversized block), sorted by node id. */
public record Block(String key, List<LinkRecord> records) implements Serializable {

  /** Deterministic coder. */
  public static final class Coder extends AtomicCoder<Block> {
    private static final Coder INSTANCE = new Coder();
    private static final ListCoder<LinkRecord> RECORDS = ListCoder.of(LinkRecordCoder.of());

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Block b, OutputStream os) throws IOException {
      StringUtf8Coder.of().encode(b.key, os);
      RECORDS.encode(b.records, os);
    }

    @Override
    public Block decode(InputStream is) throws IOException {
      return new Block(StringUtf8Coder.of().decode(is), RECORDS.decode(is));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
