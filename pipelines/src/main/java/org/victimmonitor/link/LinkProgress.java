package org.victimmonitor.link;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.victimmonitor.common.ConsoleProgress;
import org.victimmonitor.common.ConsoleProgress.Tally;

/**
 * Console progress of {@code monitor link} in this JVM: the link's DoFns bump these in-process
 * tallies and a line is printed every few seconds while the job runs. The exact counts are the Beam
 * counters in link-run.json.
 */
public final class LinkProgress {
  /** Records parsed from the deliveries. */
  static final AtomicLong READ = new AtomicLong();

  /** Candidate pairs scored by the fitted model (after EM). */
  static final AtomicLong SCORED = new AtomicLong();

  /** Records given their person key (the last step). */
  static final AtomicLong KEYED = new AtomicLong();

  private LinkProgress() {}

  /** Sets the tallies to zero and starts printing them (every interval) while "job" runs. */
  public static ConsoleProgress start(PrintWriter out, long intervalMillis) {
    return new ConsoleProgress(
        out,
        intervalMillis,
        "job",
        new Tally("read", READ),
        new Tally("pairs compared", CompareCandidates.PAIRS_COMPARED),
        new Tally("pairs scored", SCORED),
        new Tally("records keyed", KEYED));
  }
}
