package org.victimmonitor.link;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;

/**
 * Whether the records of a blocking key all carry the same value, approximately: a table of slots
 * chosen by the key's hash, each holding the one value every key in it was added with, or {@link
 * #DIFFERS}. Two keys that fall in one slot with different values make it {@code DIFFERS}, so
 * {@link #differs} never says "the same" when the values of a key differ; it may say "differs" when
 * they do not (a collision), which only keeps a block that could have been left out.
 *
 * <p>{@code BlockRecords} adds the shared keys of the summarised rules ({@link
 * Blocking#summarised}) with each record's smallest key of the covering rule, or {@code DIFFERS}
 * where a block must be kept (a record without a covering key, or without a birth year under a rule
 * that compares only such records). Holds key hashes and key codes only, never a record, and stays
 * inside the job.
 */
public final class CoverTable {
  /** A slot no key fell in. Key codes are never negative. */
  static final long EMPTY = Long.MIN_VALUE;

  /** A slot whose keys came with different values. */
  public static final long DIFFERS = -1L;

  static final int MIN_LOG2 = 10;
  static final int MAX_LOG2 = 28;

  /** Most slots of one shard: 2^17, 1 MB, so that a shard passes the engine's sort buffers. */
  static final int MAX_SHARD_LOG2 = 17;

  /** How a table is split: {@code 2^log2Shards} shards of {@code 2^log2Slots} slots. */
  public record Layout(int log2Shards, int log2Slots) implements Serializable {
    /** Four slots per record, rounded up to a power of two: a shared key rarely meets another. */
    public static Layout forRecords(long records) {
      long slots = Math.max(1L << MIN_LOG2, 4 * records);
      int total = Math.min(MAX_LOG2, 64 - Long.numberOfLeadingZeros(slots - 1));
      int shard = Math.min(total, MAX_SHARD_LOG2);
      return new Layout(total - shard, shard);
    }

    public int shards() {
      return 1 << log2Shards;
    }

    /** The shard of a key by its hash ({@link Blocking#mix} of the code): the top bits. */
    public int shardOf(long hash) {
      return log2Shards == 0 ? 0 : (int) (hash >>> (64 - log2Shards));
    }
  }

  private final long[] slots;

  private CoverTable(long[] slots) {
    this.slots = slots;
  }

  /** An empty table of {@code 2^log2Slots} slots. */
  public static CoverTable empty(int log2Slots) {
    if (log2Slots < 1 || log2Slots > MAX_SHARD_LOG2) {
      throw new IllegalArgumentException("log2 slots must be 1.." + MAX_SHARD_LOG2);
    }
    long[] s = new long[1 << log2Slots];
    Arrays.fill(s, EMPTY);
    return new CoverTable(s);
  }

  private int slotOf(long hash) {
    return (int) hash & (slots.length - 1);
  }

  private static long combine(long a, long b) {
    if (a == EMPTY) {
      return b;
    }
    if (b == EMPTY || a == b) {
      return a;
    }
    return DIFFERS;
  }

  /** Adds one occurrence of a key (by its hash) with a value: a code, or {@link #DIFFERS}. */
  public void add(long hash, long value) {
    if (value < 0 && value != DIFFERS) {
      throw new IllegalArgumentException("not a key code: " + value);
    }
    int s = slotOf(hash);
    slots[s] = combine(slots[s], value);
  }

  /**
   * False only when every occurrence of the key was added with one and the same value; true too for
   * a key never added.
   */
  public boolean differs(long hash) {
    long v = slots[slotOf(hash)];
    return v == DIFFERS || v == EMPTY;
  }

  /** Adds the other table's occurrences to this one (same size); returns this. */
  public CoverTable merge(CoverTable o) {
    if (o.slots.length != slots.length) {
      throw new IllegalArgumentException("tables of different sizes");
    }
    for (int i = 0; i < slots.length; i++) {
      slots[i] = combine(slots[i], o.slots[i]);
    }
    return this;
  }

  /** A copy that later adds and merges leave alone. */
  public CoverTable copy() {
    return new CoverTable(slots.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoverTable t && Arrays.equals(slots, t.slots);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(slots);
  }

  /** Raw slots, deterministic. */
  public static final class Coder extends AtomicCoder<CoverTable> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(CoverTable t, OutputStream os) throws IOException {
      ByteBuffer buf = ByteBuffer.allocate(4 + t.slots.length * 8);
      buf.putInt(t.slots.length);
      buf.asLongBuffer().put(t.slots);
      os.write(buf.array());
    }

    @Override
    public CoverTable decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      int n = in.readInt();
      if (n < 2 || Integer.bitCount(n) != 1) {
        throw new CoderException("not a cover table: " + n + " slots");
      }
      byte[] bytes = new byte[n * 8];
      in.readFully(bytes);
      long[] slots = new long[n];
      ByteBuffer.wrap(bytes).asLongBuffer().get(slots);
      return new CoverTable(slots);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
