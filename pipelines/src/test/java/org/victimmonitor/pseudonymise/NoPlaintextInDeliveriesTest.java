package org.victimmonitor.pseudonymise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.delivery.DeliverySchema;
import org.victimmonitor.delivery.DeliveryValidator;
import org.victimmonitor.generate.GeneratorConfig;
import org.victimmonitor.generate.ProgressListener;
import org.victimmonitor.generate.Scale;
import org.victimmonitor.generate.SyntheticDataGenerator;
import org.victimmonitor.generate.YearRange;

/**
 * Generates tiny-scale extracts, pseudonymises them all, and proves that no delivery file holds an
 * identity of the raw extracts: no normalised (or raw) first name or surname, full date of birth or
 * BSN, as a whole value anywhere, or inside a value (names of 8+ letters, dates, BSNs).
 */
class NoPlaintextInDeliveriesTest {
  @TempDir static Path tmp;
  static List<Pseudonymiser.Summary> summaries;

  @BeforeAll
  static void generateAndPseudonymise() throws IOException {
    new SyntheticDataGenerator(GeneratorConfig.of(Scale.TINY, YearRange.parse("2014-2021"), 7))
        .generate(tmp.resolve("gen"), ProgressListener.NONE);
    summaries =
        ExtractFolder.pseudonymiseAll(
            tmp.resolve("gen/extracts"),
            tmp.resolve("deliveries"),
            PseudonymiserTest.fixedKey(3),
            LinkageSchema.builtIn("person-v1"),
            0.05);
  }

  record Identities(Set<String> names, Set<String> dates, Set<String> bsns) {}

  static Identities identities(Path extracts) throws IOException {
    Set<String> names = new HashSet<>();
    Set<String> dates = new HashSet<>();
    Set<String> bsns = new HashSet<>();
    for (ExtractFolder.Extract e : ExtractFolder.list(extracts)) {
      for (CSVRecord r : records(e.file())) {
        for (String col : List.of("first_name", "surname")) {
          String raw = r.get(col).strip();
          String norm = Normaliser.name(raw);
          for (String v : List.of(raw, norm, norm.replace(" ", ""))) {
            if (v.length() >= 2) {
              names.add(v);
            }
          }
        }
        String core = Normaliser.surname(r.get("surname_prefix"), r.get("surname")).joinedCore();
        if (core.length() >= 2) {
          names.add(core);
        }
        if (r.get("date_of_birth").length() == 10) {
          dates.add(r.get("date_of_birth"));
        }
        if (!r.get("bsn").isBlank()) {
          bsns.add(r.get("bsn").strip());
        }
      }
    }
    return new Identities(names, dates, bsns);
  }

  static List<CSVRecord> records(Path csv) throws IOException {
    try (Reader rd = Files.newBufferedReader(csv);
        CSVParser p =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(rd)) {
      return p.getRecords();
    }
  }

  @Test
  void everyExtractBecameAnAcceptedDelivery() throws IOException {
    assertThat(summaries).hasSize(56);
    assertThat(summaries).allSatisfy(s -> assertThat(s.deliveryWritten()).isTrue());
    List<DeliveryValidator.Result> results =
        new DeliveryValidator(LinkageSchema.builtIn("person-v1"))
            .validateAll(tmp.resolve("deliveries"));
    assertThat(results).hasSize(56).allSatisfy(r -> assertThat(r.problem()).isNull());
    long rows = summaries.stream().mapToLong(Pseudonymiser.Summary::written).sum();
    assertThat(results.stream().mapToLong(DeliveryValidator.Result::rows).sum()).isEqualTo(rows);
  }

  @Test
  void noDeliveryFileHoldsANameDateOfBirthOrBsnOfTheExtracts() throws IOException {
    Identities ids = identities(tmp.resolve("gen/extracts"));
    assertThat(ids.names()).hasSizeGreaterThan(500);
    assertThat(ids.dates()).hasSizeGreaterThan(500);
    assertThat(ids.bsns()).hasSizeGreaterThan(50);
    Set<String> longNameSet = new HashSet<>();
    Set<Integer> nameLengths = new HashSet<>();
    for (String n : ids.names()) {
      if (n.length() >= 8) {
        longNameSet.add(n);
        nameLengths.add(n.length());
      }
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(tmp.resolve("deliveries"))) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertThat(files).hasSize(112);
    long cells = 0;
    List<String> leaks = new ArrayList<>();
    for (Path f : files) {
      if (f.getFileName().toString().equals("manifest.json")) {
        String text = Files.readString(f);
        for (String b : ids.bsns()) {
          if (text.contains(b)) {
            leaks.add(f + ": BSN");
          }
        }
        continue;
      }
      String dataset = f.getParent().getParent().getFileName().toString();
      DeliverySchema schema = DeliverySchema.forDataset(dataset);
      for (CSVRecord r : records(f)) {
        for (String col : r.getParser().getHeaderNames()) {
          String v = r.get(col);
          cells++;
          if (v.isEmpty()) {
            continue;
          }
          // a short name can equal a code ("LI" is a surname and Liechtenstein): codes are skipped
          boolean codeColumn =
              col.equals("nationality")
                  || schema.columns().stream()
                      .anyMatch(c -> c.name().equals(col) && c.codes() != null);
          if ((!codeColumn && ids.names().contains(v)) || ids.bsns().contains(v)) {
            leaks.add(f + " " + col + ": whole value");
          }
          boolean eventDate =
              schema.columns().stream()
                  .anyMatch(c -> c.name().equals(col) && c.type() == DeliverySchema.Type.DATE);
          if (!eventDate && containsAny(v, ids.dates(), Set.of(10))) {
            leaks.add(f + " " + col + ": date of birth");
          }
          if (containsAny(v, ids.bsns(), Set.of(9))) {
            leaks.add(f + " " + col + ": BSN");
          }
          if (containsAny(v, longNameSet, nameLengths)) {
            leaks.add(f + " " + col + ": name");
          }
        }
      }
    }
    assertThat(cells).isGreaterThan(80_000);
    assertThat(leaks).isEmpty();
  }

  /** True when a substring of {@code v} of one of the given lengths is in the set. */
  static boolean containsAny(String v, Set<String> set, Set<Integer> lengths) {
    for (int len : lengths) {
      for (int i = 0; i + len <= v.length(); i++) {
        if (set.contains(v.substring(i, i + len))) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void theScanFindsAnIdentityWhenOneIsThere() {
    // the check above must be able to fail: a planted name inside a token is found
    assertThat(containsAny("AAAA" + "KOWALSKA" + "BBBB", Set.of("KOWALSKA"), Set.of(8))).isTrue();
    assertThat(containsAny("x1990-05-14y", Set.of("1990-05-14"), Set.of(10))).isTrue();
    assertThat(containsAny("AAAAAAAAAAAA", Set.of("KOWALSKA"), Set.of(8))).isFalse();
  }
}
