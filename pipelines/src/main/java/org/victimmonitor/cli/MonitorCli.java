package org.victimmonitor.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code monitor} command line. Each subcommand is one class in this package; it
 * parses its options, calls the library and reports. Exit codes are documented in the README and in
 * {@link ExitCodes}.
 */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Victim monitor warehouse: pseudonymise, link, load and report.",
    subcommands = {
      CommandLine.HelpCommand.class,
      GenerateCommand.class,
      KeygenCommand.class,
      PseudonymiseCommand.class,
      ValidateCommand.class,
      DemoCommand.class,
      LoadCommand.class,
      VersionsCommand.class,
      RollbackCommand.class,
      EstimateCommand.class,
      SqlCommand.class,
      CatalogCommand.class,
      TablesCommand.class,
      DashboardCommand.class,
      CheckCommand.class,
      DataDictionaryCommand.class,
      LinkCommand.class,
      LinkageModelCommand.class,
      EvaluateLinkageCommand.class,
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:internal error (a bug: please report it with the command you ran)",
      "2:usage error (unknown option, missing or invalid argument)",
      "3:bad input (missing, unreadable or malformed file; too many rejected rows)",
      "4:key refused (key file readable by others, not a 256-bit key, or malformed)",
      "5:job failed (the engine failed or cancelled the job, or no cluster answered; nothing"
          + " published: run again)"
    })
public final class MonitorCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with the project's error handling; used by main and by tests. */
  public static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new MonitorCli());
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    cmd.setExitCodeExceptionMapper(ErrorHandler::exitCodeOf);
    cmd.setParameterExceptionHandler(ErrorHandler::usageError);
    return cmd;
  }

  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cmd = commandLine();
    cmd.setOut(out);
    cmd.setErr(err);
    return cmd.execute(args);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
