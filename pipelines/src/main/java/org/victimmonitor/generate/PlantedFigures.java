package org.victimmonitor.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures planted in a run, as {@code truth/planted.json}: what a correct pipeline should
 * recover. Latent figures (repeat victimisation, suspects, support) are over all registered
 * persons, whether or not the events fall in the data window.
 */
final class PlantedFigures {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlantedFigures() {}

  static ObjectNode build(
      GeneratorConfig config,
      PopulationModel.VictimPopulation population,
      Map<String, Map<Integer, Integer>> recordCounts,
      BackgroundTotals background) {
    ObjectNode root = JSON.createObjectNode();
    root.put("generator", "monitor generate");
    ObjectNode scale = root.putObject("scale");
    scale.put("name", config.scale().name());
    scale.put("registered_factor", config.scale().registeredFactor());
    scale.put("background_records", config.scale().backgroundRecords());
    root.put("seed", config.seed());
    ArrayNode years = root.putArray("years");
    config.years().years().forEach(years::add);

    ObjectNode reg = root.putObject("registered_persons_per_year");
    ObjectNode target = root.putObject("registered_persons_target_per_year");
    ObjectNode total = root.putObject("true_population_per_year");
    ObjectNode hidden = root.putObject("hidden_per_year");
    ObjectNode returning = root.putObject("returning_registered_per_year");
    ObjectNode capture = root.putObject("capture_probability_per_year");
    ObjectNode perList = root.putObject("persons_per_list_per_year");
    ObjectNode overlap = root.putObject("list_overlap_per_year");
    for (PopulationModel.YearFigures f : population.years().values()) {
      String y = Integer.toString(f.year());
      reg.put(y, f.registered());
      target.put(y, f.target());
      total.put(y, f.truePopulation());
      hidden.put(y, f.hidden());
      returning.put(y, f.returningRegistered());
      capture.put(y, round(f.captureProbability(), 4));
      ObjectNode lists = perList.putObject(y);
      f.personsPerList().forEach((l, n) -> lists.put(l.source(), n));
      ArrayNode cells = overlap.putArray(y);
      f.listOverlap()
          .forEach(
              (key, n) -> {
                ObjectNode cell = cells.addObject();
                RegistrationList[] ls = RegistrationList.values();
                for (int i = 0; i < ls.length; i++) {
                  cell.put(ls[i].source(), key.charAt(i) - '0');
                }
                cell.put("count", n);
              });
    }
    ObjectNode records = root.putObject("records_per_dataset_per_year");
    recordCounts.forEach(
        (ds, perYear) -> {
          ObjectNode o = records.putObject(ds);
          perYear.forEach((y, n) -> o.put(Integer.toString(y), n));
        });
    putRegisteredMix(root, population);
    putRepeat(root, population.registered());
    putOverlapAndSupport(root, population.registered());
    ObjectNode bg = root.putObject("background");
    bg.put("records", background.victimisation() + background.suspect());
    bg.put("victimisation_records", background.victimisation());
    bg.put("suspect_records", background.suspect());
    bg.put("persons", background.persons());
    bg.put("namesakes", background.namesakes());
    return root;
  }

  /** Counts of the background written. */
  record BackgroundTotals(long victimisation, long suspect, long persons, long namesakes) {}

  private static void putRegisteredMix(ObjectNode root, PopulationModel.VictimPopulation pop) {
    ObjectNode forms = root.putObject("registered_by_form_per_year");
    ObjectNode minors = root.putObject("registered_minors_per_year");
    ObjectNode sexes = root.putObject("registered_by_sex_per_year");
    ObjectNode nats = root.putObject("registered_by_nationality_per_year");
    for (int year : pop.years().keySet()) {
      Map<String, Integer> f = new TreeMap<>();
      Map<String, Integer> s = new TreeMap<>();
      Map<String, Integer> n = new TreeMap<>();
      int m = 0;
      for (Person p : pop.persons()) {
        for (Person.Episode e : p.episodes) {
          if (e.year != year) {
            continue;
          }
          f.merge(e.form.label(), 1, Integer::sum);
          s.merge(p.identity.sex(), 1, Integer::sum);
          n.merge(p.identity.nationality(), 1, Integer::sum);
          if (p.ageOn(e.firstDate()) < 18) {
            m++;
          }
        }
      }
      String y = Integer.toString(year);
      ObjectNode fo = forms.putObject(y);
      f.forEach(fo::put);
      ObjectNode so = sexes.putObject(y);
      s.forEach(so::put);
      ObjectNode no = nats.putObject(y);
      n.forEach(no::put);
      minors.put(y, m);
    }
  }

  private static void putRepeat(ObjectNode root, List<Person> registered) {
    ObjectNode r = root.putObject("repeat_victimisation");
    int n = registered.size();
    r.put("registered_persons", n);
    r.put(
        "definition",
        "share of registered persons with a police victimisation record after their first"
            + " registration (not the registration's own incident) within k years; latent, over"
            + " all registered persons (the extracts are censored at the end of the data)");
    ObjectNode share = r.putObject("cumulative_share");
    ObjectNode count = r.putObject("cumulative_count");
    for (int k = 1; k <= 7; k++) {
      final int kk = k;
      long c = registered.stream().filter(p -> p.repeatYear >= 1 && p.repeatYear <= kk).count();
      share.put(Integer.toString(k), round(c / (double) n, 4));
      count.put(Integer.toString(k), c);
    }
    ObjectNode byType5 = r.putObject("within_5_years_by_crime_type");
    ObjectNode byType = r.putObject("cumulative_share_by_crime_type");
    for (String type : List.of("property", "violence", "trafficking", "sexual", "other")) {
      ObjectNode t = byType.putObject(type);
      for (int k = 1; k <= 7; k++) {
        long c = 0;
        for (Person p : registered) {
          if (hasRepeat(p, type, k)) {
            c++;
          }
        }
        t.put(Integer.toString(k), round(c / (double) n, 4));
        if (k == 5) {
          byType5.put(type, round(c / (double) n, 4));
        }
      }
    }
    ObjectNode cohorts = r.putObject("cumulative_share_by_cohort");
    Map<Integer, List<Person>> byCohort = new TreeMap<>();
    for (Person p : registered) {
      byCohort.computeIfAbsent(p.firstEpisode().year, y -> new java.util.ArrayList<>()).add(p);
    }
    byCohort.forEach(
        (year, ps) -> {
          ObjectNode o = cohorts.putObject(Integer.toString(year));
          o.put("persons", ps.size());
          for (int k = 1; k <= 7; k++) {
            final int kk = k;
            long c = ps.stream().filter(p -> p.repeatYear >= 1 && p.repeatYear <= kk).count();
            o.put(Integer.toString(k), round(c / (double) ps.size(), 4));
          }
        });
  }

  static boolean hasRepeat(Person p, String type, int years) {
    LocalDate first = p.firstRegistration();
    LocalDate limit = first.plusYears(years);
    for (Person.PlantedEvent e : p.victimisations) {
      if (e.kind().equals("repeat")
          && e.crimeType().equals(type)
          && e.date().isAfter(first)
          && !e.date().isAfter(limit)) {
        return true;
      }
    }
    return false;
  }

  private static void putOverlapAndSupport(ObjectNode root, List<Person> registered) {
    int n = registered.size();
    ObjectNode o = root.putObject("victim_offender_overlap");
    long before = registered.stream().filter(p -> p.suspectBefore != null).count();
    long after = registered.stream().filter(p -> p.suspectAfter != null).count();
    o.put("persons_suspect_before", before);
    o.put("persons_suspect_after", after);
    o.put("share_suspect_before", round(before / (double) n, 4));
    o.put("share_suspect_after", round(after / (double) n, 4));
    ObjectNode s = root.putObject("municipal_support");
    long any = registered.stream().filter(p -> !p.support.isEmpty()).count();
    long within12 =
        registered.stream()
            .filter(
                p ->
                    !p.support.isEmpty()
                        && p.support.get(0).start().isBefore(p.firstRegistration().plusYears(1)))
            .count();
    long minors = registered.stream().filter(Person::minorAtFirstRegistration).count();
    long minorsSupported =
        registered.stream()
            .filter(p -> p.minorAtFirstRegistration() && !p.support.isEmpty())
            .count();
    s.put("persons_with_support", any);
    s.put("share_with_support", round(any / (double) n, 4));
    s.put("share_with_support_within_12_months", round(within12 / (double) n, 4));
    s.put(
        "share_of_minors_with_support",
        minors == 0 ? 0 : round(minorsSupported / (double) minors, 4));
    s.put(
        "share_of_adults_with_support",
        n == minors ? 0 : round((any - minorsSupported) / (double) (n - minors), 4));
  }

  static void write(Path file, ObjectNode root) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(root) + "\n");
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
