package org.victimmonitor.pseudonymise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Year;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.victimmonitor.pseudonymise.LinkageSchema.Field;
import org.victimmonitor.pseudonymise.LinkageSchema.Kind;
import org.victimmonitor.pseudonymise.LinkageSchema.MatchKey;

/**
 * Turns one record's identity values into what a delivery may hold: the coarse attributes in clear
 * and the tokens of the linkage schema (keyed match keys {@code mk_*}, Bloom filters {@code bf_*}).
 * Validates as it goes; an invalid value gives a {@link Rejection} naming the field and the
 * problem, never the value. Not thread-safe: one tokeniser per thread.
 */
public final class RecordTokeniser {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final char SEP = '\u001f';

  private final LinkageSchema schema;
  private final Map<String, BloomEncoder> blooms = new HashMap<>();
  private final Map<String, Mac> keyMacs = new HashMap<>();
  private final int maxYear = Year.now().getValue();

  /** A value that cannot be pseudonymised: {@code reason} is a stable code. */
  public record Rejection(String reason, String message) {}

  /** The outcome for one record: clear columns and tokens, or a rejection. */
  public record Result(Map<String, String> clear, Map<String, String> tokens, Rejection rejection) {
    public boolean rejected() {
      return rejection != null;
    }
  }

  public RecordTokeniser(LinkageSchema schema, LinkageKey key) {
    this.schema = schema;
    for (Field f : schema.fields()) {
      if (f.bloom() != null) {
        byte[] k = key.derive("bf|" + schema.name() + "|" + f.name());
        blooms.put(f.name(), new BloomEncoder(k, f.bloom().bits(), f.bloom().bitBudget()));
      }
    }
    try {
      for (MatchKey mk : schema.matchKeys()) {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(
            new SecretKeySpec(key.derive("mk|" + schema.name() + "|" + mk.name()), "HmacSHA256"));
        keyMacs.put(mk.name(), mac);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Normalised, validated values of one record's identity fields. */
  private record Parsed(
      Map<String, String> text,
      Map<String, PartialDate> dates,
      Map<String, String> surnamePrefix) {}

  /**
   * Tokenises a record. {@code raw} gives the raw value of a column by name (null or "" when empty
   * or absent).
   */
  public Result tokenise(Function<String, String> raw) {
    Map<String, String> text = new HashMap<>();
    Map<String, PartialDate> dates = new HashMap<>();
    for (Field f : schema.fields()) {
      String v = raw.apply(f.name());
      v = v == null ? "" : v.strip();
      switch (f.kind()) {
        case NAME, TEXT ->
            text.put(f.name(), joined(f.kind() == Kind.NAME ? Normaliser.name(v) : text(v)));
        case SURNAME -> {
          String prefix = f.prefixColumn() == null ? null : raw.apply(f.prefixColumn());
          text.put(f.name(), Normaliser.surname(prefix, v).joinedCore());
        }
        case DATE -> {
          if (!v.isEmpty()) {
            try {
              dates.put(f.name(), PartialDate.parse(v, f.lenient(), maxYear));
            } catch (PartialDate.InvalidDateException e) {
              return reject(
                  "BAD_" + f.name().toUpperCase(Locale.ROOT), f.name() + ": " + e.getMessage());
            }
          }
        }
        case SEX -> {
          String s = Normaliser.code(v);
          if (!s.isEmpty() && !s.equals("M") && !s.equals("F") && !s.equals("X")) {
            return reject("BAD_SEX", f.name() + ": not M, F, X or empty");
          }
          text.put(f.name(), s);
        }
        case BSN -> {
          if (v.isEmpty()) {
            text.put(f.name(), "");
          } else {
            String d = Bsn.digits(v);
            if (d == null) {
              return reject("BAD_BSN", f.name() + ": not a 9-digit number");
            }
            // a BSN failing the 11-test is kept out of the keys but the row is not rejected
            text.put(f.name(), Bsn.passesElevenTest(d) ? d : "");
          }
        }
        case COUNTRY -> {
          String c = Normaliser.code(v);
          if (!c.isEmpty() && !COUNTRIES.contains(c)) {
            return reject("BAD_COUNTRY", f.name() + ": not an ISO 3166-1 alpha-2 country code");
          }
          text.put(f.name(), c);
        }
      }
    }
    Map<String, String> clear = new HashMap<>();
    for (LinkageSchema.ClearColumn c : schema.clear()) {
      clear.put(c.column(), part(c.from(), text, dates));
    }
    Map<String, String> tokens = new HashMap<>();
    for (MatchKey mk : schema.matchKeys()) {
      tokens.put("mk_" + mk.name(), matchKey(mk, text, dates));
    }
    for (Field f : schema.fields()) {
      BloomEncoder enc = blooms.get(f.name());
      if (enc != null) {
        long[] filter =
            f.kind() == Kind.DATE
                ? enc.encode(dateTokens(dates.get(f.name())))
                : enc.encodeBigrams(text.getOrDefault(f.name(), ""));
        tokens.put("bf_" + f.name(), BloomEncoder.toBase64(filter));
      }
    }
    return new Result(clear, tokens, null);
  }

  private static Result reject(String reason, String message) {
    return new Result(null, null, new Rejection(reason, message));
  }

  private static String joined(String normalised) {
    return normalised.replace(" ", "");
  }

  /** Free text (addresses, numbers): like a name, but digits are kept. */
  private static String text(String v) {
    StringBuilder sb = new StringBuilder();
    String s = java.text.Normalizer.normalize(v, java.text.Normalizer.Form.NFKD);
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toUpperCase(s.charAt(i));
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Value of a key part or clear column ("surname", "first_name.initial", "dob.year"). */
  private String part(String spec, Map<String, String> text, Map<String, PartialDate> dates) {
    if (spec.equals("names.sorted")) {
      List<String> names = new ArrayList<>();
      for (Field f : schema.fields()) {
        if (f.kind() == Kind.NAME || f.kind() == Kind.SURNAME) {
          String n = text.get(f.name());
          if (n == null || n.isEmpty()) {
            return "";
          }
          names.add(n);
        }
      }
      names.sort(null);
      return String.join("|", names);
    }
    int dot = spec.indexOf('.');
    String field = dot < 0 ? spec : spec.substring(0, dot);
    String modifier = dot < 0 ? "" : spec.substring(dot + 1);
    Field f = schema.field(field);
    if (f.kind() == Kind.DATE) {
      PartialDate d = dates.get(field);
      if (d == null) {
        return "";
      }
      if (modifier.equals("year")) {
        return Integer.toString(d.year());
      }
      return d.isFull() ? d.iso() : "";
    }
    String v = text.getOrDefault(field, "");
    if (modifier.equals("initial")) {
      return v.isEmpty() ? "" : v.substring(0, 1);
    }
    return v;
  }

  private String matchKey(MatchKey mk, Map<String, String> text, Map<String, PartialDate> dates) {
    String[] values = new String[mk.parts().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = part(mk.parts().get(i), text, dates);
      if (values[i].isEmpty()) {
        return "";
      }
    }
    // HMAC over: key name, then each part after a unit separator
    Mac mac = keyMacs.get(mk.name());
    mac.update(mk.name().getBytes(StandardCharsets.UTF_8));
    for (String v : values) {
      mac.update((byte) SEP);
      mac.update(v.getBytes(StandardCharsets.UTF_8));
    }
    return B64.encodeToString(mac.doFinal());
  }

  /** Padded bigrams: "JAN" gives _J, JA, AN, N_. */
  static List<String> bigrams(String s) {
    if (s.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(s.length() + 1);
    String p = "_" + s + "_";
    for (int i = 0; i + 2 <= p.length(); i++) {
      out.add(p.substring(i, i + 2));
    }
    return out;
  }

  /**
   * Date tokens: year, month, day, year-month and the unordered day-month pair, so a swapped day
   * and month, or a year off by one, still share most tokens. A partial date gives fewer tokens.
   */
  static List<String> dateTokens(PartialDate d) {
    if (d == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(5);
    out.add("Y" + d.year());
    if (d.month() > 0) {
      out.add("M" + d.month());
      out.add("YM" + d.year() + "-" + d.month());
    }
    if (d.isFull()) {
      out.add("D" + d.day());
      int lo = Math.min(d.day(), d.month());
      int hi = Math.max(d.day(), d.month());
      out.add("S" + lo + "-" + hi);
    }
    return out;
  }
}
