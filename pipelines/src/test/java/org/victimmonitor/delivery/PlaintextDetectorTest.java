package org.victimmonitor.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the delivery check calls plaintext, value by value (messages never hold the value). */
class PlaintextDetectorTest {
  static final String TOKEN = "AbC-_09xYz";

  @Test
  void tokensPass() {
    assertThat(DeliveryValidator.PlaintextDetector.check("t", TOKEN, true, 10)).isNull();
    assertThat(DeliveryValidator.PlaintextDetector.check("t", "", true, 10)).isNull();
    assertThat(DeliveryValidator.PlaintextDetector.isTokenText(TOKEN)).isTrue();
    assertThat(DeliveryValidator.PlaintextDetector.isTokenText("")).isFalse();
  }

  @Test
  void wordsDatesAndBsnsAreCaught() {
    assertThat(DeliveryValidator.PlaintextDetector.check("t", "Jan Jansen", true, 10))
        .isEqualTo("not a token (words or wrong length in a token column)");
    assertThat(DeliveryValidator.PlaintextDetector.check("t", "Jansen+Jan", true, 10))
        .isEqualTo("not a token (words or wrong length in a token column)");
    assertThat(DeliveryValidator.PlaintextDetector.check("t", "AbC-_09xY", true, 10))
        .isEqualTo("not a token (words or wrong length in a token column)");
    assertThat(DeliveryValidator.PlaintextDetector.check("t", "1990-03-04", true, 10))
        .isEqualTo("a date of birth in a token column");
    assertThat(DeliveryValidator.PlaintextDetector.check("t", "19900304", true, 10))
        .isEqualTo("a date of birth in a token column");
    // 111222333 passes the 11-test; in any column.
    assertThat(DeliveryValidator.PlaintextDetector.check("c", "111222333", false, 10))
        .isEqualTo("a value passes the BSN 11-test");
    assertThat(DeliveryValidator.PlaintextDetector.check("c", "Jan Jansen", false, 10)).isNull();
  }
}
