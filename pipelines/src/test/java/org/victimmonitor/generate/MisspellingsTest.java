package org.victimmonitor.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MisspellingsTest {

  @Test
  void everyKindChangesTheNameButNotItsFirstLetter() {
    SplittableRandom rng = new SplittableRandom(1);
    for (Misspellings.Kind kind : Misspellings.Kind.values()) {
      for (String name : new String[] {"Hendriks", "Willemsen", "Oleksandr", "Mohamed"}) {
        String out = Misspellings.apply(kind, name, rng);
        assertThat(out).as("%s of %s", kind, name).isNotEqualTo(name);
        assertThat(out.charAt(0)).isEqualTo(name.charAt(0));
      }
    }
  }

  @Test
  void eachKindDoesWhatItsNameSays() {
    SplittableRandom rng = new SplittableRandom(2);
    assertThat(Misspellings.transpose("Ab", rng)).isEqualTo("Ab");
    assertThat(Misspellings.transpose("Abc", rng)).isEqualTo("Acb");
    assertThat(Misspellings.drop("Jansen", rng)).hasSize(5);
    assertThat(Misspellings.add("Jansen", rng)).hasSize(7);
    // OCR confusions in "Bom": m -> rn and o -> a.
    assertThat(Misspellings.ocr("Bom", rng)).isIn("Born", "Bam");
    assertThat(Misspellings.ocr("Bm", rng)).isEqualTo("Brn");
    assertThat(Misspellings.keyboardTypo("Bos", rng)).hasSize(3).startsWith("B");
  }

  @Test
  void stripsDiacriticsIncludingLettersWithoutADecomposition() {
    assertThat(Misspellings.stripDiacritics("Łukasz Wiśniewski")).isEqualTo("Lukasz Wisniewski");
    assertThat(Misspellings.stripDiacritics("Ștefănescu")).isEqualTo("Stefanescu");
    assertThat(Misspellings.stripDiacritics("Kovács Erzsébet")).isEqualTo("Kovacs Erzsebet");
    assertThat(Misspellings.stripDiacritics("Zoë")).isEqualTo("Zoe");
    assertThat(Misspellings.stripDiacritics("Jansen")).isEqualTo("Jansen");
  }
}
