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
public final class LoadProgress implements AutoCloseable {
  static final AtomicLong READ = new AtomicLong();
  static final AtomicLong CHECKED = new AtomicLong();
  static final AtomicLong LINKED = new AtomicLong();
  static final AtomicLong WRITTEN = new AtomicLong();

  private final ConsoleProgress console;

  public LoadProgress(PrintWriter out, long intervalMillis) {
    console =
        new ConsoleProgress(
            out,
            intervalMillis,
            "pipeline",
            new Tally("read", READ),
            new Tally("checked", CHECKED),
            new Tally("pairs compared", CompareCandidates.PAIRS_COMPARED),
            new Tally("linked", LINKED),
            new Tally("rows written", WRITTEN));
  }

  /** Turns the tally lines off (a job on a cluster does not bump this JVM's tallies). */
  public void tallies(boolean on) {
    console.tallies(on);
  }

  /** Starts a stage and prints it. */
  public void stage(String name, String what) {
    console.stage(name, what);
  }

  public double elapsed() {
    return console.elapsed();
  }

  @Override
  public void close() {
    console.close();
  }
}
