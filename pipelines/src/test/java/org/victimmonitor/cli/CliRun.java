package org.victimmonitor.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the CLI in-process: exit code and what it printed (for the CLI tests). */
public record CliRun(int code, String out, String err) {
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = MonitorCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
