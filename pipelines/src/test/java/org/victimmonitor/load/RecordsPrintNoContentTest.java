package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.victimmonitor.link.LinkRecord;

/**
 * The elements of the load and the link print where they came from, never their tokens, cells or
 * record ids: an element may reach a log through an engine's error message.
 */
class RecordsPrintNoContentTest {
  static final String TOKEN = "H7B3iS-PHxy2Pn6xPCEt21VULjufIQg";
  static final String ID = "POL-2021-000007";

  @Test
  void elementsNameTheirDeliveryAndRowOnly() {
    StandardRecord r =
        new StandardRecord(
            "police",
            "trafficking_report",
            "2021",
            ID,
            7,
            1,
            StandardRecord.REGISTRATION,
            18_700,
            null,
            "labour",
            1987,
            "M",
            "NL",
            "GM0363",
            Map.of("mk_bsn", TOKEN));
    assertThat(r).hasToString("StandardRecord[police/trafficking_report/2021 row 7]");
    assertThat(new LinkedRecord(r, 42L).toString())
        .isEqualTo(
            "LinkedRecord[record=StandardRecord[police/trafficking_report/2021 row 7],"
                + " personKey=42]");
    assertThat(
            new DeliveryRow(
                "police", "trafficking_report", "2021", 7, 0, List.of(ID, "2021-03-01", TOKEN)))
        .hasToString("DeliveryRow[police/trafficking_report/2021 row 7]");
    assertThat(
            new QuarantinedRow(
                "police",
                "trafficking_report",
                "2021",
                7,
                "BAD_SEX",
                "sex: not one of M, F, X",
                ID + ",2021-03-01,Q," + TOKEN))
        .hasToString("QuarantinedRow[police/trafficking_report/2021 row 7, BAD_SEX]");
    assertThat(new LinkByExactKeys.Node(ID, List.of("mk_bsn=" + TOKEN, "mk_x=" + TOKEN)))
        .hasToString("Node[2 keys]");
    assertThat(
            new LinkRecord(
                "police",
                "trafficking_report",
                "2021",
                ID,
                new String[] {TOKEN},
                new long[][] {{1L, 2L}},
                "M",
                1987))
        .hasToString("LinkRecord[police/trafficking_report/2021]");
  }
}
