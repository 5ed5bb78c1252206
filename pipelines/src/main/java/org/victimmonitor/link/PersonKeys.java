package org.victimmonitor.link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Person keys: surrogates for a cluster of records. A cluster's key is derived from its smallest
 * member's node id (source, dataset, period, record_id; see {@link LinkRecord#id()}) as {@code p}
 * followed by the first 20 hex digits (80 bits) of SHA-256 over a fixed domain label and that id.
 *
 * <p>Why this scheme: it needs no counter and no state, so the same records give the same keys on
 * any runner, in any order, in any year; and it contains no token and nothing derived from a name,
 * a date of birth or a BSN, only the provider's own record id, which is already pseudonymous. A
 * cluster keeps its key as long as its smallest member stays; when a previous mapping is given,
 * {@code AssignPersonKeys} keeps previous keys across merges and splits and records them.
 */
public final class PersonKeys {
  private static final String DOMAIN = "victimmonitor/person-key/v1";

  private PersonKeys() {}

  /** The key of a cluster whose smallest member has this node id. */
  public static String of(String smallestMemberId) {
    return derive(smallestMemberId);
  }

  /**
   * The key of a cluster that lost its previous key to another part of a split: derived from the
   * smallest member and the lost key, so it differs from both and is still counter-free.
   */
  public static String afterSplit(String smallestMemberId, String lostKey) {
    return derive(smallestMemberId + '\u0000' + lostKey);
  }

  private static String derive(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(DOMAIN.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      byte[] d = md.digest(text.getBytes(StandardCharsets.UTF_8));
      return "p" + HexFormat.of().formatHex(d, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
