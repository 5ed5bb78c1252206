package org.victimmonitor.generate;

import java.util.List;

/**
 * One name of a frequency list: the usual Latin spelling, the Dutch surname prefix (tussenvoegsel)
 * if any, and the alternative spellings a registrar may write instead: Latin variants (nicknames,
 * short forms, other transliterations) and native-script spellings (Cyrillic, Arabic, Hanzi).
 */
public record NameEntry(
    String prefix, String name, List<String> latinVariants, List<String> nativeVariants) {

  /** Prefix and name as written apart: {@code van der Berg}. */
  public String full() {
    return prefix.isEmpty() ? name : prefix + " " + name;
  }
}
