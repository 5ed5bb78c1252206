package org.victimmonitor.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.victimmonitor.warehouse.DataDictionary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code monitor data-dictionary}: regenerates docs/data-dictionary.md. */
@Command(
    name = "data-dictionary",
    mixinStandardHelpOptions = true,
    description =
        "Write the data dictionary (every warehouse table and column from schemas/warehouse/*.avsc,"
            + " the views, monitor tables and data tests from the headers of sql/) as Markdown.")
final class DataDictionaryCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "docs/data-dictionary.md",
      description = "Where to write it (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    String text = DataDictionary.render();
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, text, StandardCharsets.UTF_8);
    spec.commandLine().getOut().printf("wrote %s (%d lines)%n", out, text.lines().count());
    return ExitCodes.OK;
  }
}
