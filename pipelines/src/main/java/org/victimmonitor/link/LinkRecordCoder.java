package org.victimmonitor.link;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Compact, deterministic coder of {@link LinkRecord} (filters as raw words, not base64). */
public final class LinkRecordCoder extends AtomicCoder<LinkRecord> {
  private static final LinkRecordCoder INSTANCE = new LinkRecordCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();

  public static LinkRecordCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(LinkRecord r, OutputStream os) throws IOException {
    STRING.encode(r.source(), os);
    STRING.encode(r.dataset(), os);
    STRING.encode(r.period(), os);
    STRING.encode(r.recordId(), os);
    DataOutputStream out = new DataOutputStream(os);
    out.writeInt(r.keys().length);
    out.flush();
    for (String k : r.keys()) {
      STRING.encode(k == null ? "" : k, os);
    }
    out.writeInt(r.filters().length);
    for (long[] f : r.filters()) {
      out.writeInt(f == null ? -1 : f.length);
      if (f != null) {
        for (long w : f) {
          out.writeLong(w);
        }
      }
    }
    out.writeInt(r.birthYear());
    out.writeInt(r.frequencies().length);
    for (int f : r.frequencies()) {
      out.writeInt(f);
    }
    out.writeInt(r.attributes().length);
    out.flush();
    for (String a : r.attributes()) {
      STRING.encode(a == null ? "" : a, os);
    }
    STRING.encode(r.sex() == null ? "" : r.sex(), os);
  }

  @Override
  public LinkRecord decode(InputStream is) throws IOException {
    String source = STRING.decode(is);
    String dataset = STRING.decode(is);
    String period = STRING.decode(is);
    String recordId = STRING.decode(is);
    DataInputStream in = new DataInputStream(is);
    String[] keys = new String[in.readInt()];
    for (int i = 0; i < keys.length; i++) {
      String k = STRING.decode(is);
      keys[i] = k.isEmpty() ? null : k;
    }
    long[][] filters = new long[in.readInt()][];
    for (int i = 0; i < filters.length; i++) {
      int len = in.readInt();
      if (len >= 0) {
        filters[i] = new long[len];
        for (int w = 0; w < len; w++) {
          filters[i][w] = in.readLong();
        }
      }
    }
    int year = in.readInt();
    int[] freq = new int[in.readInt()];
    for (int i = 0; i < freq.length; i++) {
      freq[i] = in.readInt();
    }
    String[] attributes = new String[in.readInt()];
    for (int i = 0; i < attributes.length; i++) {
      String a = STRING.decode(is);
      attributes[i] = a.isEmpty() ? null : a;
    }
    String sex = STRING.decode(is);
    return new LinkRecord(
        source,
        dataset,
        period,
        recordId,
        keys,
        filters,
        sex.isEmpty() ? null : sex,
        year,
        attributes,
        freq);
  }

  @Override
  public void verifyDeterministic() {}
}
