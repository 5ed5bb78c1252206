package org.victimmonitor.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.victimmonitor.common.ConsoleProgress.Tally;

/** Stage lines, and the tally line of the ticking stage. */
class ConsoleProgressTest {
  @Test
  void startsTalliesAtZeroAndPrintsThemInOrderDuringItsStage() throws InterruptedException {
    AtomicLong read = new AtomicLong(99); // left over from an earlier run in this JVM
    AtomicLong pairs = new AtomicLong(7);
    StringWriter text = new StringWriter();
    try (ConsoleProgress p =
        new ConsoleProgress(
            new PrintWriter(text), 10, "job", new Tally("read", read), new Tally("pairs", pairs))) {
      assertThat(read.get()).isZero();
      assertThat(pairs.get()).isZero();
      p.stage("validate", "checking");
      p.stage("job", "running");
      read.set(5);
      pairs.set(1_234_567);
      String line = "] job       read 5 · pairs 1,234,567\n";
      for (int i = 0; i < 500 && !snapshot(text).contains(line); i++) {
        Thread.sleep(10);
      }
      assertThat(snapshot(text)).contains(line);
      p.stage("write", "done");
    }
    String[] lines = snapshot(text).split("\n");
    assertThat(lines[0]).matches("\\[ +\\d+\\.\\ds\\] validate  checking");
    assertThat(lines[1]).matches("\\[ +\\d+\\.\\ds\\] job       running");
    assertThat(lines[lines.length - 1]).endsWith("] write     done");
    for (int i = 2; i < lines.length - 1; i++) {
      assertThat(lines[i]).matches("\\[ +\\d+\\.\\ds\\] job       read \\d+ · pairs [\\d,]+");
    }
  }

  private static String snapshot(StringWriter w) {
    synchronized (w.getBuffer()) {
      return w.toString();
    }
  }
}
