package org.victimmonitor.pseudonymise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormaliserTest {
  @Test
  void stripsDiacriticsAndTransliteratesOtherScripts() {
    assertThat(Normaliser.name("Łukasz")).isEqualTo("LUKASZ");
    assertThat(Normaliser.name("Wójcik")).isEqualTo("WOJCIK");
    assertThat(Normaliser.name("Nguyễn Văn")).isEqualTo("NGUYEN VAN");
    assertThat(Normaliser.name("Ștefan")).isEqualTo("STEFAN");
    assertThat(Normaliser.name("Олександр")).isEqualTo("OLEKSANDR");
    assertThat(Normaliser.name("Шевченко")).isEqualTo("SEVCENKO");
    assertThat(Normaliser.name("  jean-paul ")).isEqualTo("JEAN PAUL");
    assertThat(Normaliser.name(null)).isEmpty();
  }

  @Test
  void dutchPrefixesWrittenApartTogetherOrDroppedShareTheCore() {
    assertThat(Normaliser.surname("van der", "Berg"))
        .isEqualTo(new Normaliser.Surname("VANDER", "BERG"));
    assertThat(Normaliser.surname("", "van der Berg").core()).isEqualTo("BERG");
    assertThat(Normaliser.surname("", "Vanderberg").core()).isEqualTo("BERG");
    assertThat(Normaliser.surname("", "Berg").core()).isEqualTo("BERG");
    assertThat(Normaliser.surname("in 't", "Veld").core()).isEqualTo("VELD");
    // a prefix-like start of a real name stays: Dekker, Vance, and a lone "de"
    assertThat(Normaliser.surname("", "Dekker").core()).isEqualTo("DEKKER");
    assertThat(Normaliser.surname("", "Vance").core()).isEqualTo("VANCE");
    assertThat(Normaliser.surname("", "De").core()).isEqualTo("DE");
  }

  @Test
  void datesTolerateSwapsAndPartialValues() throws Exception {
    PartialDate full = PartialDate.parse("1990-05-14", false, 2026);
    PartialDate swapped = PartialDate.parse("1990-14-05".replace("14-05", "12-05"), false, 2026);
    assertThat(full.iso()).isEqualTo("1990-05-14");
    assertThat(PartialDate.parse("1990", false, 2026).isFull()).isFalse();
    assertThat(PartialDate.parse("19900514", false, 2026)).isEqualTo(full);
    assertThat(RecordTokeniser.dateTokens(PartialDate.parse("1990-05-12", false, 2026)))
        .contains("S5-12");
    assertThat(RecordTokeniser.dateTokens(PartialDate.parse("1990-12-05", false, 2026)))
        .contains("S5-12");
    assertThat(swapped.month()).isEqualTo(12);
  }

  @Test
  void bsnElevenTest() {
    assertThat(Bsn.passesElevenTest("111222333")).isTrue();
    assertThat(Bsn.passesElevenTest("111222334")).isFalse();
    assertThat(Bsn.digits("1112.22.333")).isEqualTo("111222333");
    assertThat(Bsn.digits("11222333")).isEqualTo("011222333");
    assertThat(Bsn.digits("12a")).isNull();
  }
}
