package org.victimmonitor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.link.LinkJob;
import org.victimmonitor.link.ModelJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code monitor linkage-model DIR}: prints the model fitted by {@code monitor link}. */
@Command(
    name = "linkage-model",
    mixinStandardHelpOptions = true,
    description =
        "Print the Fellegi-Sunter model fitted by 'monitor link': per field and level m, u and the"
            + " match weight log2(m/u), the match share and the threshold.")
public final class LinkageModelCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "Output folder of 'monitor link' (holding model.json).")
  Path dir;

  @Option(names = "--json", description = "Print model.json as it is.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Path file = Files.isDirectory(dir) ? dir.resolve(LinkJob.MODEL) : dir;
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": no model (run 'monitor link --out DIR' first)");
    }
    String text = Files.readString(file);
    String shown;
    try {
      shown = json ? text : ModelJson.describe(ModelJson.read(text));
    } catch (java.io.IOException | RuntimeException e) {
      throw new BadInputException(file + ": not a model written by 'monitor link'");
    }
    spec.commandLine().getOut().print(shown);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
