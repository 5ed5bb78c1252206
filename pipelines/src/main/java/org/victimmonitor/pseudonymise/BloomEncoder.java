package org.victimmonitor.pseudonymise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Field-level Bloom filter with keyed random hashing: each token's bit positions are drawn from
 * HMAC-SHA-256 under the field's own key (not double hashing, whose positions follow from two
 * values and ease pattern attacks). Every record sets the same bit budget per field, so the number
 * of set bits does not reveal a name's length. Positions of recent tokens are cached: the token
 * vocabulary (bigrams, date parts) is small, which keeps encoding fast.
 *
 * <p>Not thread-safe: one encoder per thread.
 */
public final class BloomEncoder {
  /** Upper bound on positions drawn per token (budget / tokens, for a one-token value). */
  static final int MAX_POSITIONS = 64;

  private static final int CACHE_LIMIT = 100_000;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Mac mac;
  private final int bits;
  private final int budget;
  private final Map<String, int[]> cache = new HashMap<>();

  public BloomEncoder(byte[] fieldKey, int bits, int budget) {
    if (Integer.bitCount(bits) != 1 || bits < 64) {
      throw new IllegalArgumentException("filter length must be a power of 2 >= 64: " + bits);
    }
    try {
      this.mac = Mac.getInstance("HmacSHA256");
      this.mac.init(new SecretKeySpec(fieldKey, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    this.bits = bits;
    this.budget = budget;
  }

  /** The filter of a token list, as words of 64 bits; null when there are no tokens. */
  public long[] encode(List<String> tokens) {
    if (tokens.isEmpty()) {
      return null;
    }
    long[] filter = new long[bits / 64];
    int perToken = Math.min(MAX_POSITIONS, Math.max(1, ceilDiv(budget, tokens.size())));
    for (String t : tokens) {
      int[] pos = positions(t);
      for (int i = 0; i < perToken; i++) {
        int p = pos[i];
        filter[p >>> 6] |= 1L << (p & 63);
      }
    }
    return filter;
  }

  /** base64url of the filter's bytes (big-endian words), "" when null. */
  public static String toBase64(long[] filter) {
    if (filter == null) {
      return "";
    }
    byte[] b = new byte[filter.length * 8];
    for (int w = 0; w < filter.length; w++) {
      long v = filter[w];
      for (int i = 0; i < 8; i++) {
        b[w * 8 + i] = (byte) (v >>> (56 - 8 * i));
      }
    }
    return B64.encodeToString(b);
  }

  /** Decodes {@link #toBase64}; an empty string gives null. */
  public static long[] fromBase64(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    byte[] b = Base64.getUrlDecoder().decode(s);
    long[] f = new long[b.length / 8];
    for (int w = 0; w < f.length; w++) {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (b[w * 8 + i] & 0xFF);
      }
      f[w] = v;
    }
    return f;
  }

  /**
   * The filter of a value's padded bigrams ("JAN": _J, JA, AN, N_), as {@link #encode} would make
   * it from {@code RecordTokeniser.bigrams}, without building the token strings: bigrams of ASCII
   * characters are looked up in an array. Null for an empty value.
   */
  public long[] encodeBigrams(String s) {
    if (s.isEmpty()) {
      return null;
    }
    long[] filter = new long[bits / 64];
    int tokens = s.length() + 1;
    int perToken = Math.min(MAX_POSITIONS, Math.max(1, ceilDiv(budget, tokens)));
    char prev = '_';
    for (int i = 0; i <= s.length(); i++) {
      char cur = i < s.length() ? s.charAt(i) : '_';
      int[] pos;
      if (prev < 128 && cur < 128) {
        int code = (prev << 7) | cur;
        pos = asciiBigrams[code];
        if (pos == null) {
          pos = positions(new String(new char[] {prev, cur}));
          asciiBigrams[code] = pos;
        }
      } else {
        pos = positions(new String(new char[] {prev, cur}));
      }
      for (int k = 0; k < perToken; k++) {
        int p = pos[k];
        filter[p >>> 6] |= 1L << (p & 63);
      }
      prev = cur;
    }
    return filter;
  }

  private final int[][] asciiBigrams = new int[128 * 128][];

  private int[] positions(String token) {
    int[] cached = cache.get(token);
    if (cached != null) {
      return cached;
    }
    int[] pos = new int[MAX_POSITIONS];
    byte[] t = token.getBytes(StandardCharsets.UTF_8);
    int mask = bits - 1;
    int n = 0;
    for (byte block = 0; n < MAX_POSITIONS; block++) {
      mac.update(t);
      mac.update(block);
      byte[] d = mac.doFinal();
      for (int i = 0; i + 1 < d.length && n < MAX_POSITIONS; i += 2) {
        pos[n++] = (((d[i] & 0xFF) << 8) | (d[i + 1] & 0xFF)) & mask;
      }
    }
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(token, pos);
    return pos;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
