package org.victimmonitor.pseudonymise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.common.KeyRefusedException;

/**
 * The 256-bit secret linkage key shared by the data providers (never by the office). Stored as one
 * base64url line after a comment line, in a file created with mode 0600; a file readable by group
 * or others is refused. {@link #fingerprint()} proves which key was used without revealing it; it
 * is the only thing about the key that may be printed or written to a manifest.
 */
public final class LinkageKey {
  public static final int BYTES = 32;
  private static final String HEADER = "# victim-monitor linkage key v1: keep secret, mode 0600";

  private final byte[] key;

  private LinkageKey(byte[] key) {
    this.key = key.clone();
  }

  /** A key from raw bytes (tests and benchmarks). */
  public static LinkageKey of(byte[] key) {
    if (key.length != BYTES) {
      throw new KeyRefusedException("a linkage key has " + BYTES + " bytes, not " + key.length);
    }
    return new LinkageKey(key);
  }

  public static LinkageKey generate() {
    byte[] k = new byte[BYTES];
    new SecureRandom().nextBytes(k);
    return new LinkageKey(k);
  }

  /** Writes the key to a new file created 0600; never overwrites an existing file. */
  public void writeNew(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw new BadInputException(
          file + ": already exists; a key file is never overwritten (choose another name)");
    }
    String text =
        HEADER + "\n" + Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\n";
    Files.writeString(file, text, StandardCharsets.US_ASCII);
  }

  /**
   * Reads a key file, refusing it when group or others may read or write it, or when it does not
   * hold exactly one 256-bit key.
   */
  public static LinkageKey read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": key file not found");
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    for (PosixFilePermission p :
        List.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE)) {
      if (perms.contains(p)) {
        throw new KeyRefusedException(
            file
                + ": key file is readable or writable by others (mode "
                + PosixFilePermissions.toString(perms)
                + "); restrict it with `chmod 600 "
                + file
                + "` and check who may have copied it");
      }
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": key file not found");
    } catch (java.nio.charset.CharacterCodingException e) {
      // a binary file: say so without showing any of its bytes
      throw new KeyRefusedException(
          file + ": not a linkage key file (not text; make one with monitor keygen)");
    }
    List<String> body = lines.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    body = body.stream().filter(l -> !l.startsWith("#")).toList();
    if (body.size() != 1) {
      throw new KeyRefusedException(
          file + ": not a linkage key file (expected one key line; make one with monitor keygen)");
    }
    byte[] k;
    try {
      k = Base64.getUrlDecoder().decode(body.get(0));
    } catch (IllegalArgumentException e) {
      throw new KeyRefusedException(file + ": the key line is not base64url");
    }
    if (k.length != BYTES) {
      throw new KeyRefusedException(
          file + ": the key has " + k.length * 8 + " bits; a linkage key has 256");
    }
    return new LinkageKey(k);
  }

  /** Derives a purpose-bound subkey (per Bloom field, per match key). */
  public byte[] derive(String info) {
    return Hkdf.derive(key, info, BYTES);
  }

  /** A keyed digest of the key: shows which key was used without revealing anything of it. */
  public String fingerprint() {
    byte[] d = Hkdf.derive(key, "victim-monitor/fingerprint", 16);
    String hex = HexFormat.of().formatHex(d);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 4) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(hex, i, i + 4);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "LinkageKey[" + fingerprint() + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinkageKey other && Arrays.equals(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }
}
