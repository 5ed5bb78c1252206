package org.victimmonitor.cli;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.common.JobFailedException;
import org.victimmonitor.common.KeyRefusedException;
import picocli.CommandLine;

/**
 * Turns exceptions into one-line messages and exit codes. Users get what happened and what to do,
 * not a stack trace; unexpected errors keep their trace because they are bugs.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  static int exitCodeOf(Throwable t) {
    // picocli asks this mapper about parse errors too; without this they would exit 1 (a bug).
    if (t instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    if (t instanceof BadInputException
        || t instanceof NoSuchFileException
        || t instanceof UncheckedIOException) {
      return ExitCodes.BAD_INPUT;
    }
    if (t instanceof KeyRefusedException) {
      return ExitCodes.KEY_REFUSED;
    }
    if (t instanceof JobFailedException) {
      return ExitCodes.JOB_FAILED;
    }
    return ExitCodes.INTERNAL_ERROR;
  }

  /**
   * A usage error: the message and where the options are, not the whole help (which would push the
   * message off the screen).
   */
  static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    java.io.PrintWriter err = cmd.getErr();
    // picocli starts some messages with its own "Error: " (missing arguments of a group)
    String msg = ex.getMessage() == null ? "" : ex.getMessage().replaceFirst("^Error: ", "");
    err.println(cmd.getCommandName() + ": error: " + msg);
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    int code = exitCodeOf(ex);
    String name = cmd.getCommandName();
    if (code == ExitCodes.INTERNAL_ERROR) {
      cmd.getErr().println(name + ": internal error: " + ex);
      ex.printStackTrace(cmd.getErr());
    } else if (ex instanceof UncheckedIOException u) {
      cmd.getErr().println(name + ": error: " + u.getCause().getMessage());
    } else {
      cmd.getErr().println(name + ": error: " + ex.getMessage());
    }
    cmd.getErr().flush();
    return code;
  }
}
