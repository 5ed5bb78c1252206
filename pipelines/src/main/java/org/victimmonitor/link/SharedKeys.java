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

  /** Words per block of one set: 256 bits, so that a key's seen and again bits share 64 bytes. */
  static final int BLOCK_WORDS = 4;

  // Blocks of BLOCK_WORDS "seen" words followed by BLOCK_WORDS "again" words: a key's positions all
  // fall in one block, so adding or looking up a key touches one or two adjacent cache lines
  // instead of eight scattered ones (the scattered reads were 7% of the national link's CPU).
  private final long[] words;
  private final int blockMask;

  private SharedKeys(long[] words) {
    this.words = words;
    this.blockMask = words.length / (2 * BLOCK_WORDS) - 1;
  }

  /** An empty sketch of {@code 2^log2Bits} bits per set. */
  public static SharedKeys empty(int log2Bits) {
    if (log2Bits < 8 || log2Bits > MAX_LOG2) {
      throw new IllegalArgumentException("log2 bits must be 8.." + MAX_LOG2 + ": " + log2Bits);
    }
    return new SharedKeys(new long[2 << (log2Bits - 6)]);
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
    return Blocking.mix(Blocking.Fnv.add(Blocking.Fnv.START, key));
  }

  /**
   * The first word of a key's block: chosen by the low bits of its hash (a shard is chosen by the
   * top bits, {@link Layout#shardOf}).
   */
  private int blockOf(long hash) {
    return ((int) hash & blockMask) * (2 * BLOCK_WORDS);
  }

  /** A key's {@value #HASHES} positions in its block, 8 bits each, from a second hash. */
  private static long positions(long hash) {
    return Blocking.mix(hash ^ 0x9E3779B97F4A7C15L);
  }

  /** Records one occurrence of a key (by its {@link #hash}). */
  public void add(long hash) {
    int block = blockOf(hash);
    long p = positions(hash);
    for (int i = 0; i < HASHES; i++, p >>>= 8) {
      int word = block + (int) ((p >>> 6) & (BLOCK_WORDS - 1));
      long bit = 1L << p; // the low six bits
      if ((words[word] & bit) != 0) {
        words[word + BLOCK_WORDS] |= bit;
      } else {
        words[word] |= bit;
      }
    }
  }

  /** False only when the key was certainly added at most once. */
  public boolean shared(long hash) {
    int again = blockOf(hash) + BLOCK_WORDS;
    long p = positions(hash);
    for (int i = 0; i < HASHES; i++, p >>>= 8) {
      if ((words[again + (int) ((p >>> 6) & (BLOCK_WORDS - 1))] & (1L << p)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Adds the other sketch's keys to this one (same size); returns this. */
  public SharedKeys merge(SharedKeys o) {
    if (o.words.length != words.length) {
      throw new IllegalArgumentException("sketches of different sizes");
    }
    for (int b = 0; b < words.length; b += 2 * BLOCK_WORDS) {
      for (int w = b; w < b + BLOCK_WORDS; w++) {
        words[w + BLOCK_WORDS] |= o.words[w + BLOCK_WORDS] | (words[w] & o.words[w]);
        words[w] |= o.words[w];
      }
    }
    return this;
  }

  /** A copy that later adds and merges leave alone. */
  public SharedKeys copy() {
    return new SharedKeys(words.clone());
  }

  /** Bits per set. */
  public long bits() {
    return (long) words.length * 32;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SharedKeys s && Arrays.equals(words, s.words);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words);
  }

  /** Raw words, deterministic. */
  public static final class Coder extends AtomicCoder<SharedKeys> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(SharedKeys s, OutputStream os) throws IOException {
      ByteBuffer buf = ByteBuffer.allocate(4 + s.words.length * 8);
      buf.putInt(s.words.length);
      buf.asLongBuffer().put(s.words);
      os.write(buf.array());
    }

    @Override
    public SharedKeys decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      int n = in.readInt();
      if (n < 2 * BLOCK_WORDS || Integer.bitCount(n) != 1) {
        throw new CoderException("not a key sketch: " + n + " words");
      }
      byte[] bytes = new byte[n * 8];
      in.readFully(bytes);
      long[] words = new long[n];
      ByteBuffer.wrap(bytes).asLongBuffer().get(words);
      return new SharedKeys(words);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
