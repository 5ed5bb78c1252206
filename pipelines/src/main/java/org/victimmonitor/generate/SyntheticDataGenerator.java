package org.victimmonitor.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.common.FileTrees;

/**
 * Generates a synthetic victim population and its raw extracts: {@code extracts/<source>/<dataset>/
 * <year>.csv} for every source and dataset of sources.json, and the ground truth in {@code truth/}
 * ({@code records.csv}, {@code persons.csv}, {@code planted.json}). Steps:
 *
 * <ol>
 *   <li>draw the victim population year by year ({@link PopulationModel});
 *   <li>plant repeat victimisation, suspect records and municipal support ({@link
 *       FollowUpPlanter});
 *   <li>write the registrations and support records of the victims;
 *   <li>stream the haystack of background police records in chunks made in parallel ({@link
 *       BackgroundChunk}), with the victims' police records mixed in, written in chunk order.
 * </ol>
 *
 * Every random choice comes from a stream derived from the seed and a fixed label, so the same
 * config writes byte-identical files whatever the thread count.
 */
public final class SyntheticDataGenerator {

  static final int CHUNK_RECORDS = 25_000;
  static final int MAX_CHUNKS = 80;

  private final GeneratorConfig config;

  public SyntheticDataGenerator(GeneratorConfig config) {
    this.config = config;
  }

  /** Name lists needed by any nationality the generator can draw. */
  static Set<String> countries() {
    Set<String> cc = new LinkedHashSet<>(CalibrationTargets.countries());
    cc.addAll(BackgroundChunk.NATIONALITY_MIX.keySet());
    return cc;
  }

  /**
   * Refuses to mix runs: {@code extracts/} and {@code truth/} must not exist in {@code out} unless
   * {@code replace}, which deletes them first.
   */
  public static void prepareOutput(Path out, boolean replace) throws IOException {
    for (String sub : List.of("extracts", "truth")) {
      Path dir = out.resolve(sub);
      if (Files.exists(dir)) {
        if (!replace) {
          throw new BadInputException(
              dir
                  + " already exists: choose another --out, remove it, or add --force to replace it");
        }
        FileTrees.deleteTree(dir);
      }
    }
    Files.createDirectories(out);
  }

  public GenerationSummary generate(Path out, ProgressListener progress) throws IOException {
    DeliveryLayout layout = DeliveryLayout.load();
    NameLists names = NameLists.load(countries());
    Municipalities municipalities = Municipalities.load();
    long seed = config.seed();
    YearRange years = config.years();

    long backgroundTotal = config.scale().backgroundRecords();
    int chunkRecords =
        (int) Math.max(CHUNK_RECORDS, (backgroundTotal + MAX_CHUNKS - 1) / MAX_CHUNKS);
    int chunks = (int) Math.max(1, (backgroundTotal + chunkRecords - 1) / chunkRecords);
    progress.begin(chunks + 1L);

    // Draw the victim population and plant what happens to them after registration
    PopulationModel.VictimPopulation population =
        new PopulationModel(config, names, municipalities).build();
    List<Person> registered = population.registered();
    new FollowUpPlanter().plant(registered, Seeds.stream(seed, "follow-up", 0));

    // Their records: registrations and support straight to the extracts, police records
    // spread over the haystack's chunks so a record's position says nothing about the person
    RecordFactory factory = new RecordFactory(layout, years, municipalities);
    List<ExtractRecord> direct = new ArrayList<>();
    List<List<ExtractRecord>> slots = spreadPoliceRecords(factory, registered, chunks, direct);
    List<List<BackgroundChunk.Namesake>> namesakes =
        namesakesPerChunk(registered, chunks, backgroundTotal);

    Path extracts = out.resolve("extracts");
    Path truth = out.resolve("truth");
    Files.createDirectories(truth);
    PlantedFigures.BackgroundTotals background;
    Map<String, Map<Integer, Integer>> counts;
    List<Path> files;
    try (ExtractWriter writer =
            new ExtractWriter(extracts, truth.resolve("records.csv"), layout.datasets(), years);
        TruthWriter persons = new TruthWriter(truth.resolve("persons.csv"))) {
      // Registrations and support in date order; the victim population's truth
      writeSortedByDate(writer, layout, years, direct);
      for (Person p : population.persons()) {
        persons.write(TruthWriter.victimRow(p));
      }
      progress.advance(1);

      // The haystack, chunk by chunk, with the victims' police records mixed in
      BackgroundChunk chunkMaker =
          new BackgroundChunk(factory, new IdentityFactory(names), municipalities, years, seed);
      background =
          streamHaystack(
              writer, persons, factory, chunkMaker, slots, namesakes, backgroundTotal, progress);
      counts = writer.counts();
      files = writer.files();
    }

    // The planted figures, for tests and evaluation
    PlantedFigures.write(
        truth.resolve("planted.json"),
        PlantedFigures.build(config, population, counts, background));
    progress.end();
    return summary(
        extracts,
        truth,
        files.size(),
        counts,
        background.victimisation() + background.suspect(),
        population,
        registered);
  }

  private List<List<ExtractRecord>> spreadPoliceRecords(
      RecordFactory factory, List<Person> registered, int chunks, List<ExtractRecord> direct) {
    List<List<ExtractRecord>> slots = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      slots.add(new ArrayList<>());
    }
    SplittableRandom slotRng = Seeds.stream(config.seed(), "slots", 0);
    for (Person p : registered) {
      SplittableRandom rng = Seeds.stream(config.seed(), "victim-records", p.index);
      for (ExtractRecord r : factory.recordsOf(p, rng)) {
        if (r.dataset() == factory.victimisation || r.dataset() == factory.suspect) {
          slots.get(slotRng.nextInt(chunks)).add(r);
        } else {
          direct.add(r);
        }
      }
    }
    return slots;
  }

  /**
   * Makes the background chunks on worker threads (at most two per thread in flight, so memory
   * stays flat) and appends them in chunk order, which keeps the output deterministic.
   */
  private PlantedFigures.BackgroundTotals streamHaystack(
      ExtractWriter writer,
      TruthWriter persons,
      RecordFactory factory,
      BackgroundChunk chunkMaker,
      List<List<ExtractRecord>> slots,
      List<List<BackgroundChunk.Namesake>> namesakes,
      long backgroundTotal,
      ProgressListener progress)
      throws IOException {
    int chunks = slots.size();
    long victimisation = 0;
    long suspect = 0;
    long people = 0;
    long namesakesMade = 0;
    ExecutorService pool =
        Executors.newFixedThreadPool(
            config.threads(),
            r -> {
              Thread t = new Thread(r, "generate-background");
              t.setDaemon(true);
              return t;
            });
    try {
      Deque<Future<PreparedChunk>> inFlight = new ArrayDeque<>();
      int next = 0;
      for (int c = 0; c < chunks; c++) {
        while (next < chunks && inFlight.size() < 2 * config.threads()) {
          final int chunk = next++;
          final int target = share(backgroundTotal, chunks, chunk);
          final List<BackgroundChunk.Namesake> ns = namesakes.get(chunk);
          final List<ExtractRecord> victims = slots.get(chunk);
          slots.set(chunk, List.of());
          inFlight.add(
              pool.submit(
                  () ->
                      prepare(
                          factory,
                          config.years(),
                          chunkMaker.generate(chunk, target, ns),
                          victims)));
        }
        PreparedChunk prepared = await(inFlight.poll());
        prepared.rows().forEach(writer::write);
        prepared.personLines().forEach(persons::writeLine);
        victimisation += prepared.backgroundVictimisation();
        suspect += prepared.backgroundSuspect();
        people += prepared.personLines().size();
        namesakesMade += prepared.namesakes();
        progress.advance(1);
      }
    } finally {
      pool.shutdownNow();
    }
    return new PlantedFigures.BackgroundTotals(victimisation, suspect, people, namesakesMade);
  }

  private static int share(long total, int parts, int i) {
    long base = total / parts;
    return (int) (base + (i < total % parts ? 1 : 0));
  }

  private List<List<BackgroundChunk.Namesake>> namesakesPerChunk(
      List<Person> registered, int chunks, long backgroundTotal) {
    List<List<BackgroundChunk.Namesake>> out = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      out.add(new ArrayList<>());
    }
    if (backgroundTotal == 0) {
      return out;
    }
    int k = (int) Math.round(CalibrationTargets.NAMESAKE_SHARE * registered.size());
    k = (int) Math.min(k, backgroundTotal / 2);
    List<Person> chosen =
        Quotas.weightedSample(registered, k, p -> 1.0, Seeds.stream(config.seed(), "namesakes", 0));
    for (int i = 0; i < chosen.size(); i++) {
      Person p = chosen.get(i);
      out.get(i % chunks).add(new BackgroundChunk.Namesake(p.id, p.identity));
    }
    return out;
  }

  /** Registrations and support: per file in date order, as a provider's system lists them. */
  private void writeSortedByDate(
      ExtractWriter writer, DeliveryLayout layout, YearRange years, List<ExtractRecord> records) {
    Map<String, List<ExtractRecord>> byFile = new LinkedHashMap<>();
    for (SourceDataset ds : layout.datasets()) {
      for (int y : years.years()) {
        byFile.put(ds.key() + "/" + y, new ArrayList<>());
      }
    }
    for (ExtractRecord r : records) {
      byFile.get(r.dataset().key() + "/" + r.year()).add(r);
    }
    int i = 0;
    for (List<ExtractRecord> file : byFile.values()) {
      Collections.shuffle(
          file, new java.util.Random(Seeds.stream(config.seed(), "order", i++).nextLong()));
      file.sort(Comparator.comparing(ExtractRecord::date));
      file.forEach(writer::write);
    }
  }

  /** A chunk ready to append: formatted rows in file order and persons.csv lines. */
  record PreparedChunk(
      List<ExtractWriter.Formatted> rows,
      List<String> personLines,
      long backgroundVictimisation,
      long backgroundSuspect,
      int namesakes) {}

  /**
   * One chunk of police records, made on a worker thread: background and victims' records shuffled
   * together per file (so a record's position says nothing about who it is), then formatted.
   */
  private PreparedChunk prepare(
      RecordFactory factory,
      YearRange years,
      BackgroundChunk.Result result,
      List<ExtractRecord> victims) {
    Map<String, List<ExtractRecord>> byFile = new LinkedHashMap<>();
    for (SourceDataset ds : List.of(factory.victimisation, factory.suspect)) {
      for (int y : years.years()) {
        byFile.put(ds.key() + "/" + y, new ArrayList<>());
      }
    }
    long victimisation = 0;
    for (ExtractRecord r : result.records()) {
      byFile.get(r.dataset().key() + "/" + r.year()).add(r);
      victimisation += r.dataset() == factory.victimisation ? 1 : 0;
    }
    for (ExtractRecord r : victims) {
      byFile.get(r.dataset().key() + "/" + r.year()).add(r);
    }
    java.util.Random shuffle =
        new java.util.Random(Seeds.stream(config.seed(), "interleave", result.chunk()).nextLong());
    List<ExtractWriter.Formatted> rows = new ArrayList<>(result.records().size() + victims.size());
    for (List<ExtractRecord> file : byFile.values()) {
      Collections.shuffle(file, shuffle);
      file.forEach(r -> rows.add(ExtractWriter.format(r)));
    }
    List<String> lines = new ArrayList<>(result.personRows().size());
    result.personRows().forEach(row -> lines.add(TruthWriter.format(row)));
    return new PreparedChunk(
        rows, lines, victimisation, result.records().size() - victimisation, result.namesakes());
  }

  private static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating the background", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(cause);
    }
  }

  private GenerationSummary summary(
      Path extracts,
      Path truth,
      int files,
      Map<String, Map<Integer, Integer>> counts,
      long background,
      PopulationModel.VictimPopulation population,
      List<Person> registered) {
    Map<String, Long> perDataset = new LinkedHashMap<>();
    counts.forEach(
        (ds, perYear) ->
            perDataset.put(ds, perYear.values().stream().mapToLong(Integer::longValue).sum()));
    Map<Integer, Integer> reg = new LinkedHashMap<>();
    Map<Integer, Integer> hidden = new LinkedHashMap<>();
    population
        .years()
        .values()
        .forEach(
            f -> {
              reg.put(f.year(), f.registered());
              hidden.put(f.year(), f.hidden());
            });
    int n = registered.size();
    long r5 = registered.stream().filter(p -> p.repeatYear >= 1 && p.repeatYear <= 5).count();
    long r7 = registered.stream().filter(p -> p.repeatYear >= 1).count();
    return new GenerationSummary(
        extracts,
        truth,
        files,
        perDataset,
        background,
        reg,
        hidden,
        n == 0 ? 0 : r5 / (double) n,
        n == 0 ? 0 : r7 / (double) n);
  }
}
