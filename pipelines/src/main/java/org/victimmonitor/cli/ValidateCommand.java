package org.victimmonitor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.delivery.DeliveryValidator;
import org.victimmonitor.load.LoadPlan;
import org.victimmonitor.pseudonymise.LinkageSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code monitor validate}: delivery-level checks of a folder of deliveries, before a load. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check every delivery under a folder as the load will: manifest, checksum, schemas,"
            + " one key fingerprint, no plaintext. Also counts rows that the load would"
            + " quarantine, and rejects a delivery with more of them than the load allows.")
final class ValidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--deliveries",
      required = true,
      paramLabel = "DIR",
      description = "Root folder of deliveries.")
  Path deliveries;

  @Option(
      names = "--linkage-schema",
      defaultValue = "person-v1",
      paramLabel = "FILE",
      description = "Linkage schema the deliveries must use (default: ${DEFAULT-VALUE}).")
  String linkageSchema;

  @Option(
      names = "--max-quarantine-share",
      defaultValue = "0.05",
      paramLabel = "SHARE",
      description =
          "Largest share of bad rows in a delivery, as monitor load --max-quarantine-share"
              + " (default: ${DEFAULT-VALUE}).")
  double maxQuarantineShare;

  @Override
  public Integer call() throws Exception {
    if (!(maxQuarantineShare >= 0 && maxQuarantineShare <= 1)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--max-quarantine-share: a share from 0 to 1 (0.05 is 5%)");
    }
    List<DeliveryValidator.Result> results = new java.util.ArrayList<>();
    for (DeliveryValidator.Result r :
        new DeliveryValidator(LinkageSchema.load(linkageSchema)).validateAll(deliveries)) {
      // the load's rule on the share of bad rows, so that what passes here loads
      String tooMany = r.accepted() ? LoadPlan.tooManyBadRows(r, maxQuarantineShare) : null;
      results.add(
          tooMany == null
              ? r
              : new DeliveryValidator.Result(
                  r.folder(), r.manifest(), tooMany, r.rows(), r.rowProblems(), r.overlap()));
    }
    int rejected = report(results, spec.commandLine().getOut(), spec.commandLine().getErr());
    if (results.isEmpty()) {
      throw new BadInputException(deliveries + ": no deliveries found (no */*/*/manifest.json)");
    }
    if (rejected > 0) {
      throw new BadInputException(rejected + " of " + results.size() + " deliveries rejected");
    }
    return ExitCodes.OK;
  }

  /** Prints one line per delivery; returns the number rejected. */
  static int report(List<DeliveryValidator.Result> results, PrintWriter out, PrintWriter err) {
    int rejected = 0;
    long rows = 0;
    // the folder column as wide as the longest folder, so the counts line up whatever the path
    int width = 45;
    for (DeliveryValidator.Result r : results) {
      width = Math.max(width, r.folder().toString().length());
    }
    String line = "ok        %-" + width + "s %,10d rows%s%n";
    for (DeliveryValidator.Result r : results) {
      if (r.accepted()) {
        rows += r.rows();
        String rp = r.rowProblems().isEmpty() ? "" : "  rows to quarantine: " + r.rowProblems();
        out.printf(line, r.folder(), r.rows(), rp);
        DeliveryValidator.Overlap o = r.overlap();
        if (!o.repeatedRows().isEmpty()) {
          out.printf(
              "          %,d %s of %s cell for cell (quarantined as DUPLICATE_RECORD_ID):"
                  + " do the deliveries overlap?%n",
              o.repeatedRows().size(),
              o.repeatedRows().size() == 1 ? "row repeats a row" : "rows repeat rows",
              String.join(", ", o.earlier()));
        }
        if (o.idsWithOtherCells() > 0) {
          out.printf(
              "          %,d record %s also in %s with other cells: both rows are loaded (ids"
                  + " that start again each year do this, but a corrected row sent again is"
                  + " counted twice)%n",
              o.idsWithOtherCells(),
              o.idsWithOtherCells() == 1 ? "id is" : "ids are",
              String.join(", ", o.earlier()));
        }
      } else {
        rejected++;
        err.println("REJECTED  " + r.problem());
      }
    }
    out.printf(
        "%d deliveries, %d accepted, %d rejected, %,d rows in accepted deliveries%n",
        results.size(), results.size() - rejected, rejected, rows);
    out.flush();
    err.flush();
    return rejected;
  }
}
