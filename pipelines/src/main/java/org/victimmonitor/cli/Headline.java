package org.victimmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.victimmonitor.generate.GenerationSummary;

/** The demo's headline figures, read from the exported (disclosure-controlled) tables. */
final class Headline {
  private Headline() {}

  static void print(Path tables, int year, GenerationSummary g, PrintWriter o) throws IOException {
    o.printf("Headline figures, from %s (as published):%n", tables);
    o.printf("  registered presumed victims (unique persons, all sources)%n");
    o.printf("    %-6s %9s %9s%n", "year", "monitor", "planted");
    for (CSVRecord r : read(tables.resolve("m01_registrations.csv"))) {
      if (r.get("source").equals("all")) {
        int y = Integer.parseInt(r.get("year"));
        o.printf(
            "    %-6d %9s %9s%n", y, r.get("persons"), g.registeredPerYear().getOrDefault(y, 0));
      }
    }
    Map<Integer, Double> planted =
        Map.of(5, 100 * g.repeatWithin5Years(), 7, 100 * g.repeatWithin7Years());
    o.printf("  victim of a crime again within k years of first registration (Kaplan-Meier)%n");
    o.printf("    %-6s %9s %15s %9s%n", "k", "monitor", "95% interval", "planted");
    for (CSVRecord r : read(tables.resolve("m06_repeat_victimisation.csv"))) {
      if (r.get("cohort").equals("all") && r.get("crime_type").equals("any")) {
        int k = Integer.parseInt(r.get("years"));
        o.printf(
            "    %-6d %8s%% %15s %9s%n",
            k,
            r.get("cumulative_pct"),
            r.get("lower_pct") + "-" + r.get("upper_pct") + "%",
            planted.containsKey(k) ? String.format("%.1f%%", planted.get(k)) : "");
      }
    }
    for (CSVRecord r : read(tables.resolve("m10_estimate.csv"))) {
      o.printf(
          "  estimated victims in %d (multiple systems estimation): %s (95%% interval %s-%s);"
              + " registered %s%n",
          year, r.get("estimate"), r.get("lower"), r.get("upper"), r.get("observed"));
    }
    o.flush();
  }

  private static List<CSVRecord> read(Path f) throws IOException {
    try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      return new ArrayList<>(
          CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .get()
              .parse(in)
              .getRecords());
    }
  }
}
