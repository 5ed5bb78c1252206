package org.victimmonitor.link;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * Which blocking keys more than one record has, approximately: a pair of bit sets over hashed
 * positions of each key, one set for "seen", one for "seen again". A key added twice (by one sketch
 * or across merged sketches) sets all its "again" bits, so {@link #shared} never misses a shared
 * key; a key seen once passes only when other keys happen to cover all its positions (a false
 * positive, which only lets one block of one record through, where it is counted).
 *
 * <p>The linkage uses it to drop, before the shuffle, the copies of a record under keys no other
 * record has (about four in ten copies at the national scale). Holds hashes of blocking keys only,
 * never a key or a record; it stays inside the job.
 */
public final class SharedKeys {
  /** Positions set per key. */
  static final int HASHES = 4;

  /** Bits per expected key occurrence. */
  static final int BITS_PER_KEY = 6;

  static final int MIN_LOG2 = 16;
  static final int MAX_LOG2 = 30;

  /**
   * Most bits per set of one shard (2^22: 1 MB for both sets), so that a shard passes through the
   * engine's sort buffers (Flink refuses records over about 20 MB).
   */
  static final int MAX_SHARD_LOG2 = 22;

  /**
   * How a sketch for some number of key occurrences is split: {@code 2^log2Shards} shards of {@code
   * 2^log2Bits} bits per set, a key's shard chosen by the top bits of its hash.
   */
  public record Layout(int log2Shards, int log2Bits) implements Serializable {
    /** The layout for about {@code occurrences} key occurrences ({@link #log2BitsFor}). */
    public static Layout forOccurrences(long occurrences) {
      int total = log2BitsFor(occurrences);
      int bits = Math.min(total, MAX_SHARD_LOG2);
      return new Layout(total - bits, bits);
    }

    public int shards() {
      return 1 << log2Shards;
    }

    /** The shard of a key by its {@link #hash}. */
    public int shardOf(long hash) {
      return log2Shards == 0 ? 0 : (int) (hash >>> (64 - log2Shards));
    }
  }

  private final long[] seen;
  private final long[] again;
  private final long mask;

  private SharedKeys(long[] seen, long[] again) {
    this.seen = seen;
    this.again = again;
    this.mask = (long) seen.length * 64 - 1;
  }

  /** An empty sketch of {@code 2^log2Bits} bits per set. */
  public static SharedKeys empty(int log2Bits) {
    if (log2Bits < 6 || log2Bits > MAX_LOG2) {
      throw new IllegalArgumentException("log2 bits must be 6.." + MAX_LOG2 + ": " + log2Bits);
    }
    int words = 1 << (log2Bits - 6);
    return new SharedKeys(new long[words], new long[words]);
  }

  /**
   * The size for about {@code occurrences} key occurrences: {@value #BITS_PER_KEY} bits each,
   * rounded up to a power of two, between 2^{@value #MIN_LOG2} and 2^{@value #MAX_LOG2} bits (past
   * that, more singletons pass; none is lost).
   */
  public static int log2BitsFor(long occurrences) {
    long bits = Math.max(1L << MIN_LOG2, occurrences * BITS_PER_KEY);
    int log2 = 64 - Long.numberOfLeadingZeros(bits - 1);
    return Math.min(MAX_LOG2, log2);
  }

  /** A 64-bit hash of a blocking key. */
  public static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h = (h ^ key.charAt(i)) * 0x100000001b3L;
    }
    return Blocking.mix(h);
  }

  /** Records one occurrence of a key (by its {@link #hash}). */
  public void add(long hash) {
    long step = Blocking.mix(hash ^ 0x9E3779B97F4A7C15L) | 1;
    long p = hash;
    for (int i = 0; i < HASHES; i++, p += step) {
      int word = (int) ((p & mask) >>> 6);
      long bit = 1L << (p & 63);
      if ((seen[word] & bit) != 0) {
        again[word] |= bit;
      } else {
        seen[word] |= bit;
      }
    }
  }

  /** False only when the key was certainly added at most once. */
  public boolean shared(long hash) {
    long step = Blocking.mix(hash ^ 0x9E3779B97F4A7C15L) | 1;
    long p = hash;
    for (int i = 0; i < HASHES; i++, p += step) {
      if ((again[(int) ((p & mask) >>> 6)] & (1L << (p & 63))) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Adds the other sketch's keys to this one (same size); returns this. */
  public SharedKeys merge(SharedKeys o) {
    if (o.seen.length != seen.length) {
      throw new IllegalArgumentException("sketches of different sizes");
    }
    for (int w = 0; w < seen.length; w++) {
      again[w] |= o.again[w] | (seen[w] & o.seen[w]);
      seen[w] |= o.seen[w];
    }
    return this;
  }

  /** A copy that later adds and merges leave alone. */
  public SharedKeys copy() {
    return new SharedKeys(seen.clone(), again.clone());
  }

  /** Bits per set. */
  public long bits() {
    return mask + 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SharedKeys s
        && Arrays.equals(seen, s.seen)
        && Arrays.equals(again, s.again);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(again);
  }

  /** Raw words, deterministic. */
  public static final class Coder extends AtomicCoder<SharedKeys> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(SharedKeys s, OutputStream os) throws IOException {
      ByteBuffer buf = ByteBuffer.allocate(4 + s.seen.length * 16);
      buf.putInt(s.seen.length);
      buf.asLongBuffer().put(s.seen).put(s.again);
      os.write(buf.array());
    }

    @Override
    public SharedKeys decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      int words = in.readInt();
      byte[] bytes = new byte[words * 16];
      in.readFully(bytes);
      long[] seen = new long[words];
      long[] again = new long[words];
      ByteBuffer.wrap(bytes).asLongBuffer().get(seen).get(again);
      return new SharedKeys(seen, again);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
