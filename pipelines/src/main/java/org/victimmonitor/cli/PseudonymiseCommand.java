package org.victimmonitor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.pseudonymise.LinkageKey;
import org.victimmonitor.pseudonymise.LinkageSchema;
import org.victimmonitor.pseudonymise.Pseudonymiser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code monitor pseudonymise}: raw extract to delivery, on the provider's machine. */
@Command(
    name = "pseudonymise",
    mixinStandardHelpOptions = true,
    description = {
      "Turn a raw extract (plaintext identities) into a delivery: tokens plus coarse attributes.",
      "Writes DELIVERIES/SOURCE/DATASET/PERIOD/records.csv and manifest.json. Rows that cannot"
          + " be pseudonymised go to IN.rejects.csv beside the input (mode 0600), never into the"
          + " delivery."
    })
final class PseudonymiseCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "Linkage key file (mode 0600).")
  Path key;

  @Option(
      names = "--linkage-schema",
      required = true,
      paramLabel = "FILE",
      description = "Linkage schema JSON, or a built-in id: person-v1, febrl-v1.")
  String linkageSchema;

  @Option(names = "--source", required = true, description = "Source name, e.g. police, care.")
  String source;

  @Option(
      names = "--dataset",
      required = true,
      description = "Dataset (a delivery schema in schemas/deliveries/), e.g. trafficking_report.")
  String dataset;

  @Option(names = "--period", required = true, description = "Delivery period, e.g. 2021.")
  String period;

  @Option(
      names = "--in",
      required = true,
      paramLabel = "RAW.csv",
      description = "Raw extract (CSV, UTF-8, header row).")
  Path in;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DELIVERIES",
      description = "Root folder of deliveries.")
  Path out;

  @Option(
      names = "--max-reject-share",
      defaultValue = "0.05",
      paramLabel = "SHARE",
      description =
          "Fail (exit 3, no delivery) when more than this share of rows is rejected (default: ${DEFAULT-VALUE}).")
  double maxRejectShare;

  @Option(
      names = "--rejects",
      paramLabel = "FILE",
      description =
          "Where to write rejected rows (default: beside the input, named like it with"
              + " .rejects.csv).")
  Path rejects;

  @Option(
      names = "--delimiter",
      paramLabel = "CHAR",
      description =
          "The extract's column separator: one character, or 'tab' (default: the linkage"
              + " schema's, a comma). Excel in Dutch settings saves CSV with ';'.")
  String delimiter;

  @Override
  public Integer call() throws Exception {
    if (!(maxRejectShare >= 0 && maxRejectShare <= 1)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--max-reject-share: a share from 0 to 1 (0.05 is 5%)");
    }
    Character separator = null;
    if (delimiter != null) {
      String d = delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
      if (d.length() != 1
          || "\"\r\n".indexOf(d.charAt(0)) >= 0
          || Character.isLetterOrDigit(d.charAt(0))) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--delimiter: one character that is not a letter, a digit, a quote or a line break,"
                + " or 'tab'");
      }
      separator = d.charAt(0);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LinkageKey k = LinkageKey.read(key);
    LinkageSchema schema = LinkageSchema.load(linkageSchema);
    Pseudonymiser.Summary s =
        Pseudonymiser.run(
            new Pseudonymiser.Request(
                k,
                schema,
                source,
                dataset,
                period,
                in,
                this.out,
                maxRejectShare,
                rejects,
                separator));
    report(s, in, out, err);
    if (!s.deliveryWritten()) {
      throw new BadInputException(
          in
              + ": "
              + s.rejected()
              + " of "
              + s.rows()
              + " rows rejected, more than "
              + Math.round(maxRejectShare * 100)
              + "%; no delivery written. Fix the rows listed in "
              + s.rejectFile()
              + " and run again");
    }
    return ExitCodes.OK;
  }

  static void report(Pseudonymiser.Summary s, Path in, PrintWriter out, PrintWriter err) {
    for (Pseudonymiser.RejectedRow r : s.firstRejects()) {
      err.println(in + ": row " + r.row() + ": " + r.reason() + ": " + r.message());
    }
    if (s.rejected() > s.firstRejects().size()) {
      err.println(
          in + ": ... and " + (s.rejected() - s.firstRejects().size()) + " more rejected rows");
    }
    if (s.rejected() > 0) {
      StringBuilder reasons = new StringBuilder();
      for (Map.Entry<String, Long> e : s.rejectsByReason().entrySet()) {
        reasons
            .append(reasons.length() == 0 ? "" : ", ")
            .append(e.getKey())
            .append(' ')
            .append(e.getValue());
      }
      err.println(in + ": rejected rows written to " + s.rejectFile() + " (" + reasons + ")");
    }
    err.flush();
    if (s.deliveryWritten()) {
      out.printf(
          "%s: %d rows read, %d pseudonymised, %d rejected -> %s (%.1f s, %,.0f records/s)%n",
          in, s.rows(), s.written(), s.rejected(), s.delivery(), s.seconds(), s.recordsPerSecond());
    }
    out.flush();
  }
}
