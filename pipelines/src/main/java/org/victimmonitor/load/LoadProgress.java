package org.victimmonitor.load;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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

  private final PrintWriter out;
  private final long t0 = System.nanoTime();
  private final AtomicReference<String> stage = new AtomicReference<>("start");
  private final Thread ticker;
  private volatile boolean running = true;
  private volatile boolean tallies = true;

  public LoadProgress(PrintWriter out, long intervalMillis) {
    this.out = out;
    READ.set(0);
    CHECKED.set(0);
    LINKED.set(0);
    WRITTEN.set(0);
    CompareCandidates.PAIRS_COMPARED.set(0);
    ticker =
        new Thread(
            () -> {
              while (running) {
                try {
                  Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                  return;
                }
                if (running && tallies && stage.get().equals("pipeline")) {
                  tick();
                }
              }
            },
            "load-progress");
    ticker.setDaemon(true);
    ticker.start();
  }

  /** Turns the tally lines off (a job on a cluster does not bump this JVM's tallies). */
  public void tallies(boolean on) {
    tallies = on;
  }

  /** Starts a stage and prints it. */
  public void stage(String name, String what) {
    stage.set(name);
    synchronized (out) {
      out.printf("[%6.1fs] %-9s %s%n", elapsed(), name, what);
      out.flush();
    }
  }

  private void tick() {
    synchronized (out) {
      out.printf(
          "[%6.1fs] pipeline  read %,d · checked %,d · pairs compared %,d · linked %,d"
              + " · rows written %,d%n",
          elapsed(),
          READ.get(),
          CHECKED.get(),
          CompareCandidates.PAIRS_COMPARED.get(),
          LINKED.get(),
          WRITTEN.get());
      out.flush();
    }
  }

  public double elapsed() {
    return (System.nanoTime() - t0) / 1e9;
  }

  @Override
  public void close() {
    running = false;
    ticker.interrupt();
  }
}
