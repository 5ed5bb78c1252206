package org.victimmonitor.pseudonymise;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Normalisation of identity values before they are encoded: transliteration of other scripts to
 * Latin (ICU), Unicode NFKD with diacritics stripped, upper case, letters only, and the Dutch
 * surname prefixes (tussenvoegsels) separated from the core surname. Plain, stateless functions;
 * the ICU transliterator is only used when a value has non-ASCII letters left after NFKD.
 */
public final class Normaliser {

  /**
   * Surname prefixes split off the core surname: Dutch tussenvoegsels and the common articles of
   * other languages met in Dutch registrations. Word-level only, so "DEKKER" keeps its "DE".
   */
  static final Set<String> PREFIX_WORDS =
      Set.of(
          "VAN", "DE", "DER", "DEN", "TER", "TEN", "TE", "HET", "T", "IN", "OP", "AAN", "BIJ",
          "UIT", "VON", "VOM", "ZU", "DA", "DAS", "DO", "DOS", "DI", "DEL", "DELLA", "DU", "LA",
          "LE", "L", "EL", "AL");

  /** Prefixes that registrars glue to the surname ("Vanderberg"); split when 4+ letters remain. */
  private static final String[] GLUED_PREFIXES = {"VANDER", "VANDEN", "VANDE", "VAN"};

  /**
   * One shared transliterator, built on first use and used under a lock: building it (and its
   * per-script data, over two seconds for Han) is the costly part, and calls are rare because
   * results are cached per distinct value.
   */
  private static Transliterator toLatin;

  private static synchronized String transliterate(String s) {
    if (toLatin == null) {
      toLatin = Transliterator.getInstance("Any-Latin; Latin-ASCII");
    }
    return toLatin.transliterate(s);
  }

  private Normaliser() {}

  /**
   * Letters-only upper-case ASCII form of a name: other scripts transliterated, diacritics
   * stripped, every other character a single space. Returns "" for null or blank.
   */
  public static String name(String value) {
    if (value == null || value.isBlank()) {
      return "";
    }
    boolean ascii = true;
    for (int i = 0; i < value.length() && ascii; i++) {
      ascii = value.charAt(i) < 128;
    }
    if (ascii) {
      return lettersOnly(value); // most names: nothing to decompose or transliterate
    }
    String s = Normalizer.normalize(value, Normalizer.Form.NFKD);
    StringBuilder sb = new StringBuilder(s.length());
    boolean needsIcu = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        sb.append(c);
      } else if (Character.getType(c) == Character.NON_SPACING_MARK) {
        // a diacritic split off by NFKD: dropped
      } else {
        String latin = latinLetter(c);
        if (latin != null) {
          sb.append(latin);
        } else {
          needsIcu = true;
          sb.append(c);
        }
      }
    }
    if (!needsIcu) {
      return lettersOnly(sb.toString());
    }
    // ICU costs 50-200 microseconds a call, but names repeat: remember the distinct ones.
    String key = sb.toString();
    String cached = TRANSLITERATED.get(key);
    if (cached == null) {
      cached = lettersOnly(transliterate(key));
      if (TRANSLITERATED.size() >= CACHE_LIMIT) {
        TRANSLITERATED.clear();
      }
      TRANSLITERATED.put(key, cached);
    }
    return cached;
  }

  private static final int CACHE_LIMIT = 200_000;
  private static final java.util.concurrent.ConcurrentHashMap<String, String> TRANSLITERATED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Latin letters that NFKD does not decompose, mapped as ICU's Latin-ASCII does. */
  private static String latinLetter(char c) {
    return switch (c) {
      case 'Ł' -> "L";
      case 'ł' -> "l";
      case 'Ø' -> "O";
      case 'ø' -> "o";
      case 'ß' -> "ss";
      case 'Đ' -> "D";
      case 'đ' -> "d";
      case 'Æ' -> "AE";
      case 'æ' -> "ae";
      case 'Œ' -> "OE";
      case 'œ' -> "oe";
      case 'Þ' -> "TH";
      case 'þ' -> "th";
      case 'ı' -> "i";
      case 'Ħ' -> "H";
      case 'ħ' -> "h";
      default -> null;
    };
  }

  private static String lettersOnly(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        c = (char) (c - 32);
      }
      if (c >= 'A' && c <= 'Z') {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        space = false;
        out.append(c);
      } else if (c != '\'' && c != '\u2019') {
        // apostrophes join ("'t", "N'Diaye"); any other non-letter separates words
        space = true;
      }
    }
    return out.toString();
  }

  /** A surname split into its prefix words and its core, both normalised. */
  public record Surname(String prefix, String core) {
    /** Prefix and core joined without spaces: the form compared in exact keys. */
    public String joinedCore() {
      return core.replace(" ", "");
    }
  }

  /**
   * Splits a surname into prefix and core. The prefix column (if the extract has one) and any
   * prefix words at the start of the surname count as prefix; a glued "VANDER..." is split too.
   */
  public static Surname surname(String prefixColumn, String surname) {
    List<String> words = new ArrayList<>();
    for (String part : List.of(name(prefixColumn), name(surname))) {
      if (!part.isEmpty()) {
        words.addAll(List.of(part.split(" ")));
      }
    }
    StringBuilder prefix = new StringBuilder();
    int i = 0;
    while (i < words.size() - 1 && PREFIX_WORDS.contains(words.get(i))) {
      prefix.append(words.get(i));
      i++;
    }
    List<String> core = new ArrayList<>(words.subList(i, words.size()));
    if (prefix.length() == 0 && core.size() == 1) {
      String w = core.get(0);
      for (String g : GLUED_PREFIXES) {
        if (w.startsWith(g) && w.length() - g.length() >= 4) {
          prefix.append(g);
          core.set(0, w.substring(g.length()));
          break;
        }
      }
    }
    return new Surname(prefix.toString(), String.join(" ", core));
  }

  /** Upper-case, trimmed code value (sex, country), or "" when blank. */
  public static String code(String value) {
    return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
  }
}
