package org.victimmonitor.common;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A command's console progress: stage lines as they start, and while one stage runs, a line of
 * in-process tallies every few seconds from a daemon thread. The tallies are for watching; exact
 * counts come from the run's own report. Lines go to the given writer (a command's stderr), never
 * record contents.
 */
public final class ConsoleProgress implements AutoCloseable {
  private final PrintWriter out;
  private final long t0 = System.nanoTime();
  private final AtomicReference<String> stage = new AtomicReference<>("start");
  private final Thread ticker;
  private volatile boolean running = true;
  private volatile boolean tallies = true;

  /** A named in-process count, bumped by the job's DoFns. */
  public record Tally(String label, AtomicLong count) {}

  /**
   * Sets the tallies to zero and starts the ticker.
   *
   * @param tickStage the stage during which the tally line is printed
   * @param line the tallies of the line, in its order
   */
  public ConsoleProgress(PrintWriter out, long intervalMillis, String tickStage, Tally... line) {
    this.out = out;
    for (Tally t : line) {
      t.count().set(0);
    }
    Supplier<String> tallyLine =
        () ->
            Arrays.stream(line)
                .map(t -> String.format(Locale.ROOT, "%s %,d", t.label(), t.count().get()))
                .collect(Collectors.joining(" · "));
    ticker =
        new Thread(
            () -> {
              while (running) {
                try {
                  Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                  return;
                }
                // a stage starting meanwhile comes after this line, or stops it
                synchronized (out) {
                  if (running && tallies && stage.get().equals(tickStage)) {
                    print(tickStage, tallyLine.get());
                  }
                }
              }
            },
            "console-progress");
    ticker.setDaemon(true);
    ticker.start();
  }

  /** Turns the tally lines off (a job on a cluster does not bump this JVM's tallies). */
  public void tallies(boolean on) {
    tallies = on;
  }

  /** Starts a stage and prints it. */
  public void stage(String name, String what) {
    synchronized (out) {
      stage.set(name);
      print(name, what);
    }
  }

  private void print(String name, String what) {
    synchronized (out) {
      out.printf(Locale.ROOT, "[%6.1fs] %-9s %s%n", elapsed(), name, what);
      out.flush();
    }
  }

  /** Seconds since this progress started. */
  public double elapsed() {
    return (System.nanoTime() - t0) / 1e9;
  }

  @Override
  public void close() {
    running = false;
    ticker.interrupt();
  }
}
