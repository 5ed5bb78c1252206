package org.victimmonitor.generate;

/** Told how far a long run has got (the CLI shows a progress bar; tests ignore it). */
public interface ProgressListener {

  ProgressListener NONE = new ProgressListener() {};

  /** Work of {@code total} steps starts. */
  default void begin(long total) {}

  default void advance(long steps) {}

  default void end() {}
}
