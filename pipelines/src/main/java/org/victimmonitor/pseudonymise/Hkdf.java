package org.victimmonitor.pseudonymise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA-256 (RFC 5869). Derives one independent key per field and per match key from
 * the linkage key, so a weakness in one encoding does not expose the others.
 */
public final class Hkdf {
  private static final byte[] SALT =
      "victim-monitor/linkage-key/v1".getBytes(StandardCharsets.US_ASCII);

  private Hkdf() {}

  /** Derives {@code length} bytes from {@code ikm} for the purpose named by {@code info}. */
  public static byte[] derive(byte[] ikm, String info, int length) {
    return derive(SALT, ikm, info.getBytes(StandardCharsets.UTF_8), length);
  }

  /** Plain RFC 5869 extract-and-expand (exposed for the RFC's test vectors). */
  public static byte[] derive(byte[] salt, byte[] ikm, byte[] infoBytes, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      byte[] prk = mac.doFinal(ikm);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      byte[] out = new byte[length];
      byte[] t = new byte[0];
      int pos = 0;
      for (int counter = 1; pos < length; counter++) {
        mac.update(t);
        mac.update(infoBytes);
        mac.update((byte) counter);
        t = mac.doFinal();
        int n = Math.min(t.length, length - pos);
        System.arraycopy(t, 0, out, pos, n);
        pos += n;
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
