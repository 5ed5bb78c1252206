package org.victimmonitor.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.delivery.DeliveryValidator;
import org.victimmonitor.delivery.Manifest;
import org.victimmonitor.delivery.RowChecks;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * What a load will read, decided before the pipeline starts: every delivery up to the load year,
 * checked whole by {@link DeliveryValidator} (manifest, checksum, schemas, one key fingerprint, no
 * plaintext). A rejected delivery, or one whose share of bad rows exceeds the threshold, fails the
 * load here with the validator's message naming the file and the problem.
 */
public record LoadPlan(int year, List<Input> inputs) {

  /**
   * One accepted delivery with its checksum, the row problems the validator counted and what it
   * shares with earlier deliveries of its source and dataset.
   */
  public record Input(
      DeliveryRef delivery,
      String sha256,
      long rows,
      long badRows,
      DeliveryValidator.Overlap overlap) {}

  public static LoadPlan prepare(
      Path deliveries, Integer year, String linkageSchema, double maxQuarantineShare)
      throws IOException {
    List<DeliveryValidator.Result> all =
        new DeliveryValidator(LinkageSchema.builtIn(linkageSchema)).validateAll(deliveries);
    int loadYear = year != null ? year : latestPeriod(all);
    List<String> problems = new ArrayList<>();
    List<Input> inputs = new ArrayList<>();
    for (DeliveryValidator.Result r : all) {
      Manifest m = r.manifest();
      if (m != null && (m.dataset().equals("febrl") || periodYear(m.period()) > loadYear)) {
        continue; // benchmark data and later years are not part of this load
      }
      if (!r.accepted()) {
        problems.add(r.problem());
        continue;
      }
      String tooMany = tooManyBadRows(r, maxQuarantineShare);
      if (tooMany != null) {
        problems.add(tooMany);
        continue;
      }
      long bad = r.rowProblems().values().stream().mapToLong(Long::longValue).sum();
      inputs.add(
          new Input(
              new DeliveryRef(
                  m.source(),
                  m.dataset(),
                  m.period(),
                  r.folder().resolve(Manifest.RECORDS).toAbsolutePath().toString(),
                  RowChecks.madeOn(m.created()).toString(),
                  r.overlap().repeatedRows()),
              m.recordsSha256(),
              r.rows(),
              bad,
              r.overlap()));
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(
          problems.size()
              + " deliveries rejected, nothing loaded:\n  "
              + String.join("\n  ", problems));
    }
    if (inputs.isEmpty()) {
      throw new BadInputException(
          deliveries + ": no deliveries up to " + loadYear + " (no */*/*/manifest.json)");
    }
    if (inputs.stream().noneMatch(i -> periodYear(i.delivery().period()) == loadYear)) {
      int latest = inputs.stream().mapToInt(i -> periodYear(i.delivery().period())).max().orElse(0);
      // a mistyped year would publish a version of that year with none of its registrations
      throw new BadInputException(
          deliveries
              + ": no delivery of "
              + loadYear
              + " (the latest is of "
              + latest
              + "); the load of a year needs that year's deliveries");
    }
    return new LoadPlan(loadYear, List.copyOf(inputs));
  }

  /**
   * Why the load refuses an accepted delivery for its share of bad rows (more than {@code
   * maxQuarantineShare} of its rows would be quarantined), or null; {@code monitor validate}
   * applies the same rule.
   */
  public static String tooManyBadRows(DeliveryValidator.Result r, double maxQuarantineShare) {
    long bad = r.rowProblems().values().stream().mapToLong(Long::longValue).sum();
    if (r.rows() == 0 || bad <= maxQuarantineShare * r.rows()) {
      return null;
    }
    int repeated = r.overlap().repeatedRows().size();
    return String.format(
        "%s: %d of %d rows fail the row checks %s, more than the allowed %.1f%%; %s",
        r.folder().resolve(Manifest.RECORDS),
        bad,
        r.rows(),
        r.rowProblems(),
        100 * maxQuarantineShare,
        repeated == r.rows()
            ? String.format(
                "%d of them repeat rows of %s: the deliveries overlap (as a year's delivery and"
                    + " its quarters would) and this one holds nothing new; move it out of the"
                    + " deliveries folder",
                repeated, String.join(", ", r.overlap().earlier()))
            : repeated * 2 > bad
                ? String.format(
                    "%d of them repeat rows of %s: the deliveries overlap and would count those"
                        + " registrations twice; ask the provider which delivery holds what, or"
                        + " allow the share with --max-quarantine-share (the repeated rows are"
                        + " then quarantined and counted once)",
                    repeated, String.join(", ", r.overlap().earlier()))
                : "ask the provider for a corrected delivery");
  }

  public List<DeliveryRef> deliveries() {
    return inputs.stream().map(Input::delivery).toList();
  }

  private static int latestPeriod(List<DeliveryValidator.Result> all) {
    return all.stream()
        .filter(r -> r.manifest() != null && !r.manifest().dataset().equals("febrl"))
        .mapToInt(r -> periodYear(r.manifest().period()))
        .max()
        .orElseThrow(() -> new BadInputException("no deliveries found"));
  }

  private static int periodYear(String period) {
    try {
      return Integer.parseInt(period.length() >= 4 ? period.substring(0, 4) : period);
    } catch (NumberFormatException e) {
      throw new BadInputException("delivery period '" + period + "' does not start with a year");
    }
  }
}
