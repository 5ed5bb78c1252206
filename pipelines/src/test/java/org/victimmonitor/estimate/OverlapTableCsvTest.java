package org.victimmonitor.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.common.BadInputException;

class OverlapTableCsvTest {

  @TempDir Path dir;

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines));
    return file;
  }

  /** Every refusal names the file, says what is wrong, and never leaks a NaN. */
  private void assertRefused(Path file, String... fragments) {
    assertThatThrownBy(() -> OverlapTableCsv.read(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContainingAll(fragments)
        .message()
        .doesNotContain("NaN");
  }

  @Test
  void readsATableAndFillsMissingPatternsWithZero() throws IOException {
    Path file = write("ok.csv", "A,B,C,count", "1,0,0,5", "0,1,0,7", "1,1,0,2", "0,0,1,3");
    OverlapTable t = OverlapTableCsv.read(file);
    assertThat(t.lists()).containsExactly("A", "B", "C");
    assertThat(t.observed()).isEqualTo(17);
    assertThat(t.count(0b011)).isEqualTo(2);
    assertThat(t.count(0b111)).isZero();
    assertThat(t.overlap(0, 1)).isEqualTo(2);
    assertThat(t.listTotal(2)).isEqualTo(3);
  }

  @Test
  void acceptsTheCountColumnAnywhereAndWholeNumbersWrittenAsDecimals() throws IOException {
    Path file = write("ok.csv", "count,A,B", "5.0,1,0", "7,0,1", "2,1,1");
    assertThat(OverlapTableCsv.read(file).observed()).isEqualTo(14);
  }

  @Test
  void nonBinaryListColumn() throws IOException {
    assertRefused(
        write("t.csv", "A,B,count", "1,0,5", "0,2,3", "1,1,1"), "row 3", "'B' is not 0 or 1");
  }

  @Test
  void nonBinaryExtraColumn() throws IOException {
    assertRefused(
        write("t.csv", "A,B,year,count", "1,0,2024,5", "0,1,2024,3", "1,1,2024,1"),
        "row 2",
        "'year' is not 0 or 1");
  }

  @Test
  void negativeCount() throws IOException {
    assertRefused(write("t.csv", "A,B,count", "1,0,5", "0,1,-3", "1,1,1"), "row 3", "negative");
  }

  @Test
  void nonIntegerCount() throws IOException {
    assertRefused(
        write("t.csv", "A,B,count", "1,0,5", "0,1,3", "1,1,1.5"), "row 4", "not a whole number");
  }

  @Test
  void countThatIsNotANumber() throws IOException {
    assertRefused(write("t.csv", "A,B,count", "1,0,NaN", "0,1,3", "1,1,1"), "row 2", "number");
  }

  @Test
  void fewerThanTwoLists() throws IOException {
    assertRefused(write("t.csv", "A,count", "1,5"), "row 1", "at least two lists");
  }

  @Test
  void noOverlapsAtAll() throws IOException {
    assertRefused(
        write("t.csv", "A,B,C,count", "1,0,0,5", "0,1,0,3", "0,0,1,4"),
        "no person is on two or more lists");
  }

  @Test
  void overlapRowsWithZeroCountsAreStillNoOverlaps() throws IOException {
    assertRefused(
        write("t.csv", "A,B,count", "1,0,5", "0,1,3", "1,1,0"),
        "no person is on two or more lists");
  }

  @Test
  void duplicateCapturePattern() throws IOException {
    assertRefused(
        write("t.csv", "A,B,count", "1,0,5", "0,1,3", "1,1,1", "1,0,2"),
        "row 5",
        "same combination of lists as row 2");
  }

  @Test
  void rowForTheAllZeroPattern() throws IOException {
    assertRefused(
        write("t.csv", "A,B,count", "0,0,100", "1,0,5", "0,1,3", "1,1,1"), "row 2", "every list 0");
  }

  @Test
  void missingCountColumn() throws IOException {
    assertRefused(write("t.csv", "A,B,C", "1,0,5", "0,1,3"), "row 1", "no 'count' column");
  }

  @Test
  void listThatRecordedNobody() throws IOException {
    assertRefused(
        write("t.csv", "A,B,C,count", "1,0,0,5", "0,1,0,3", "1,1,0,1", "0,0,1,0"),
        "C recorded nobody");
  }

  @Test
  void rowWithTooFewFields() throws IOException {
    assertRefused(write("t.csv", "A,B,count", "1,0,5", "0,1"), "row 3", "2 fields");
  }

  @Test
  void missingFile() {
    assertRefused(dir.resolve("absent.csv"), "not found");
  }

  @Test
  void emptyFile() throws IOException {
    assertRefused(write("t.csv"), "empty");
  }
}
