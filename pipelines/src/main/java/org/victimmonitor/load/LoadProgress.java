package org.victimmonitor.load;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.victimmonitor.common.ConsoleProgress;
import org.victimmonitor.common.ConsoleProgress.Tally;
import org.victimmonitor.link.CompareCandidates;

/**
 * Console progress of a load running in this JVM (DirectRunner or embedded Flink): the DoFns bump
 * these in-process tallies and a daemon thread prints a line every few seconds. On a remote cluster
 * the tallies stay at zero and only the stage lines are printed; the exact counts always come from
 * the Beam counters in run.json.
 */
public final class LoadProgress {
  static final AtomicLong READ = new AtomicLong();
  static final AtomicLong CHECKED = new AtomicLong();
  static final AtomicLong LINKED = new AtomicLong();
  static final AtomicLong WRITTEN = new AtomicLong();

  private LoadProgress() {}

  /** Sets the tallies to zero and starts printing them (every interval) while "pipeline" runs. */
  public static ConsoleProgress start(PrintWriter out, long intervalMillis) {
    return new ConsoleProgress(
        out,
        intervalMillis,
        "pipeline",
        new Tally("read", READ),
        new Tally("checked", CHECKED),
        new Tally("pairs compared", CompareCandidates.PAIRS_COMPARED),
        new Tally("linked", LINKED),
        new Tally("rows written", WRITTEN));
  }
}
