package org.victimmonitor.generate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Spelling errors a registrar makes when typing or scanning a name: keyboard typos, OCR-style
 * confusions, transposed, dropped and added letters; and diacritics lost by systems that only take
 * ASCII. The first letter is left alone (errors there are rarer in practice). Each method returns
 * the text unchanged when the error cannot be made (too short, nothing to confuse).
 */
public final class Misspellings {

  /** The kinds of spelling error, with the code recorded in the truth. */
  public enum Kind {
    TYPO("typo"),
    OCR("ocr"),
    TRANSPOSED("transposed"),
    DROPPED_LETTER("dropped_letter"),
    ADDED_LETTER("added_letter");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private static final Map<Character, String> KEYBOARD =
      Map.ofEntries(
          Map.entry('q', "wa"),
          Map.entry('w', "qeas"),
          Map.entry('e', "wrsd"),
          Map.entry('r', "etdf"),
          Map.entry('t', "ryfg"),
          Map.entry('y', "tugh"),
          Map.entry('u', "yihj"),
          Map.entry('i', "uojk"),
          Map.entry('o', "ipkl"),
          Map.entry('p', "ol"),
          Map.entry('a', "qwsz"),
          Map.entry('s', "awedxz"),
          Map.entry('d', "serfcx"),
          Map.entry('f', "drtgvc"),
          Map.entry('g', "ftyhbv"),
          Map.entry('h', "gyujnb"),
          Map.entry('j', "huikmn"),
          Map.entry('k', "jiolm"),
          Map.entry('l', "kop"),
          Map.entry('z', "asx"),
          Map.entry('x', "zsdc"),
          Map.entry('c', "xdfv"),
          Map.entry('v', "cfgb"),
          Map.entry('b', "vghn"),
          Map.entry('n', "bhjm"),
          Map.entry('m', "njk"));

  /** Confusions of optical character recognition on printed names (lower case). */
  private static final String[][] OCR = {
    {"rn", "m"},
    {"m", "rn"},
    {"vv", "w"},
    {"w", "vv"},
    {"cl", "d"},
    {"d", "cl"},
    {"li", "h"},
    {"h", "li"},
    {"i", "l"},
    {"l", "i"},
    {"u", "v"},
    {"v", "u"},
    {"n", "h"},
    {"e", "c"},
    {"c", "e"},
    {"a", "o"},
    {"o", "a"}
  };

  private Misspellings() {}

  public static String apply(Kind kind, String s, SplittableRandom rng) {
    return switch (kind) {
      case TYPO -> keyboardTypo(s, rng);
      case OCR -> ocr(s, rng);
      case TRANSPOSED -> transpose(s, rng);
      case DROPPED_LETTER -> drop(s, rng);
      case ADDED_LETTER -> add(s, rng);
    };
  }

  static String keyboardTypo(String s, SplittableRandom rng) {
    List<Integer> at = new ArrayList<>();
    for (int i = 1; i < s.length(); i++) {
      if (KEYBOARD.containsKey(Character.toLowerCase(s.charAt(i)))) {
        at.add(i);
      }
    }
    if (at.isEmpty()) {
      return s;
    }
    int i = at.get(rng.nextInt(at.size()));
    char c = s.charAt(i);
    String near = KEYBOARD.get(Character.toLowerCase(c));
    char r = near.charAt(rng.nextInt(near.length()));
    if (Character.isUpperCase(c)) {
      r = Character.toUpperCase(r);
    }
    return s.substring(0, i) + r + s.substring(i + 1);
  }

  static String ocr(String s, SplittableRandom rng) {
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    if (lower.length() != s.length()) {
      return s;
    }
    List<int[]> hits = new ArrayList<>(); // {position, rule}
    for (int r = 0; r < OCR.length; r++) {
      String from = OCR[r][0];
      for (int i = lower.indexOf(from, 1); i >= 0; i = lower.indexOf(from, i + 1)) {
        hits.add(new int[] {i, r});
      }
    }
    if (hits.isEmpty()) {
      return s;
    }
    int[] h = hits.get(rng.nextInt(hits.size()));
    String from = OCR[h[1]][0];
    String to = OCR[h[1]][1];
    if (Character.isUpperCase(s.charAt(h[0]))) {
      to = to.toUpperCase(java.util.Locale.ROOT);
    }
    return s.substring(0, h[0]) + to + s.substring(h[0] + from.length());
  }

  static String transpose(String s, SplittableRandom rng) {
    List<Integer> at = new ArrayList<>();
    for (int i = 1; i + 1 < s.length(); i++) {
      char a = s.charAt(i);
      char b = s.charAt(i + 1);
      if (Character.isLetter(a) && Character.isLetter(b) && a != b) {
        at.add(i);
      }
    }
    if (at.isEmpty()) {
      return s;
    }
    int i = at.get(rng.nextInt(at.size()));
    return s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
  }

  static String drop(String s, SplittableRandom rng) {
    if (s.length() < 4) {
      return s;
    }
    List<Integer> at = new ArrayList<>();
    for (int i = 1; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        at.add(i);
      }
    }
    if (at.isEmpty()) {
      return s;
    }
    int i = at.get(rng.nextInt(at.size()));
    return s.substring(0, i) + s.substring(i + 1);
  }

  static String add(String s, SplittableRandom rng) {
    List<Integer> at = new ArrayList<>();
    for (int i = 1; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        at.add(i);
      }
    }
    if (at.isEmpty()) {
      return s;
    }
    int i = at.get(rng.nextInt(at.size()));
    char c = s.charAt(i);
    String near = KEYBOARD.get(Character.toLowerCase(c));
    // Mostly a doubled letter (Jansen -> Janssen), sometimes a neighbouring key.
    char extra = near == null || rng.nextInt(3) > 0 ? c : near.charAt(rng.nextInt(near.length()));
    return s.substring(0, i) + extra + s.substring(i);
  }

  /** The text without diacritics ({@code Łukasz -> Lukasz}, {@code Ștefan -> Stefan}). */
  public static String stripDiacritics(String s) {
    boolean ascii = true;
    for (int i = 0; i < s.length() && ascii; i++) {
      ascii = s.charAt(i) < 128;
    }
    if (ascii) {
      return s;
    }
    String d = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    StringBuilder b = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      switch (c) {
        case 'ł' -> b.append('l');
        case 'Ł' -> b.append('L');
        case 'ø' -> b.append('o');
        case 'Ø' -> b.append('O');
        case 'đ' -> b.append('d');
        case 'Đ' -> b.append('D');
        case 'ß' -> b.append("ss");
        case 'æ' -> b.append("ae");
        case 'Æ' -> b.append("AE");
        case 'ı' -> b.append('i');
        case 'ħ' -> b.append('h');
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
