package org.victimmonitor.cli;

/** Exit codes of every {@code monitor} command (also listed in the README). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int INTERNAL_ERROR = 1;
  public static final int USAGE = 2;
  public static final int BAD_INPUT = 3;
  public static final int KEY_REFUSED = 4;
  public static final int JOB_FAILED = 5;

  private ExitCodes() {}
}
