package org.victimmonitor.link;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * The records of one block (or one part of an oversized block), sorted by node id.
 *
 * @param code the code of the block key ({@link Blocking#code}): records are grouped by it
 * @param part 0, or the part's number when the block was over the size cap and split
 * @param records the records
 * @param keyCodes per record, the sorted codes of the keys it may share with another record (what
 *     {@link Blocking#comparesIn} needs)
 */
public record Block(long code, int part, List<LinkRecord> records, List<long[]> keyCodes)
    implements Serializable {

  /** Deterministic coder. */
  public static final class Coder extends AtomicCoder<Block> {
    private static final Coder INSTANCE = new Coder();
    private static final ListCoder<LinkRecord> RECORDS = ListCoder.of(LinkRecordCoder.of());

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Block b, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeLong(b.code);
      VarInt.encode(b.part, os);
      RECORDS.encode(b.records, os);
      VarInt.encode(b.keyCodes.size(), os);
      for (long[] codes : b.keyCodes) {
        VarInt.encode(codes.length, os);
        for (long c : codes) {
          out.writeLong(c);
        }
      }
      out.flush();
    }

    @Override
    public Block decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      long code = in.readLong();
      int part = VarInt.decodeInt(is);
      List<LinkRecord> records = RECORDS.decode(is);
      int n = VarInt.decodeInt(is);
      List<long[]> keyCodes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long[] codes = new long[VarInt.decodeInt(is)];
        for (int j = 0; j < codes.length; j++) {
          codes[j] = in.readLong();
        }
        keyCodes.add(codes);
      }
      return new Block(code, part, records, keyCodes);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
