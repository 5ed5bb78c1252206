package org.victimmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.generate.GenerationSummary;
import org.victimmonitor.generate.GeneratorConfig;
import org.victimmonitor.generate.ProgressListener;
import org.victimmonitor.generate.Scale;
import org.victimmonitor.generate.SyntheticDataGenerator;
import org.victimmonitor.generate.YearRange;
import org.victimmonitor.pseudonymise.ExtractFolder;
import org.victimmonitor.pseudonymise.LinkageKey;
import org.victimmonitor.pseudonymise.LinkageSchema;
import org.victimmonitor.pseudonymise.Pseudonymiser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monitor generate}: synthetic raw extracts and their ground truth. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a synthetic population of presumed victims of human trafficking, calibrated to"
          + " the published monitor figures, with one raw extract per source, dataset and year"
          + " (DIR/extracts/<source>/<dataset>/<year>.csv) and the ground truth apart from them"
          + " (DIR/truth: records.csv, persons.csv, planted.json).",
      "The extracts hold plaintext identities of invented people, with realistic linkage"
          + " difficulties, a haystack of background police records and hidden victims."
    })
public final class GenerateCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write extracts/ and truth/ into (created if missing).")
  Path out;

  @Option(
      names = "--scale",
      defaultValue = "national",
      paramLabel = "SCALE",
      converter = ScaleConverter.class,
      description =
          "tiny (unit tests: 5%% of the registrations, 5,000 background records), demo (about"
              + " 100,000 records) or national (the published series, 1.1 million background"
              + " records). Default: ${DEFAULT-VALUE}.")
  Scale scale;

  @Option(
      names = "--years",
      defaultValue = "2014-2021",
      paramLabel = "FIRST-LAST",
      converter = YearRangeConverter.class,
      description =
          "Delivery years, one extract per year; with --deliveries, complete years only (up to"
              + " last year). Default: ${DEFAULT-VALUE}.")
  YearRange years;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Random seed; the same seed gives byte-identical files. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--force",
      description = "Replace DIR/extracts and DIR/truth if they exist (otherwise refused).")
  boolean force;

  @Option(
      names = "--deliveries",
      paramLabel = "DIR",
      description =
          "Also pseudonymise every extract into deliveries under DIR (as each provider would),"
              + " with the key given by --key.")
  Path deliveries;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "Linkage key for --deliveries; created (mode 0600) when the file does not exist yet.")
  Path key;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((deliveries == null) != (key == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--deliveries and --key go together");
    }
    int thisYear = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
    if (deliveries != null && years.last() >= thisYear) {
      // the generator dates registrations over the whole year, and no delivery may hold an event
      // dated after the day it is made
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          String.format(
              "--years: deliveries of %d would hold registrations dated after today, which"
                  + " pseudonymise rejects; with --deliveries, generate complete years (up to %d)",
              years.last(), thisYear - 1));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GeneratorConfig config = GeneratorConfig.of(scale, years, seed);
    ProgressListener progress =
        scale.backgroundRecords() >= 50_000 ? new Bar(err) : ProgressListener.NONE;
    GenerationSummary s;
    try {
      SyntheticDataGenerator.prepareOutput(this.out, force);
      s = new SyntheticDataGenerator(config).generate(this.out, progress);
    } catch (IOException e) {
      throw new BadInputException(
          "cannot write to " + this.out + " (" + e + "); choose a writable folder for --out", e);
    }
    out.printf(
        "generate: %,d records in %d extract files under %s (scale %s, years %s, seed %d)%n",
        s.totalRecords(), s.files(), s.extractsDir(), scale.name(), years, seed);
    for (Map.Entry<String, Long> e : s.recordsPerDataset().entrySet()) {
      out.printf("  %-34s %,10d%n", e.getKey(), e.getValue());
    }
    out.printf("  of which background police records %,10d%n", s.backgroundRecords());
    out.printf("registered persons per year: %s%n", s.registeredPerYear());
    out.printf("hidden victims per year:     %s%n", s.hiddenPerYear());
    out.printf(
        "repeat victimisation planted: %.1f%% within 5 years, %.1f%% within 7%n",
        100 * s.repeatWithin5Years(), 100 * s.repeatWithin7Years());
    out.printf(
        "truth (never deliver): %s (records.csv, persons.csv, planted.json)%n", s.truthDir());
    out.flush();
    if (deliveries != null) {
      pseudonymiseAll(s, out);
    }
    return ExitCodes.OK;
  }

  private void pseudonymiseAll(GenerationSummary s, PrintWriter out) throws java.io.IOException {
    LinkageKey k;
    if (java.nio.file.Files.exists(key)) {
      k = LinkageKey.read(key);
    } else {
      k = LinkageKey.generate();
      k.writeNew(key);
      out.printf("wrote a new linkage key %s (mode 0600)%n", key);
    }
    List<Pseudonymiser.Summary> done =
        ExtractFolder.pseudonymiseAll(
            s.extractsDir(), deliveries, k, LinkageSchema.builtIn("person-v1"), 0.05);
    long rows = done.stream().mapToLong(Pseudonymiser.Summary::written).sum();
    long rejected = done.stream().mapToLong(Pseudonymiser.Summary::rejected).sum();
    out.printf(
        "pseudonymised %d extracts into %s: %,d records delivered, %,d rejected at source"
            + " (key fingerprint %s)%n",
        done.size(), deliveries, rows, rejected, k.fingerprint());
    out.flush();
  }

  /** A progress bar on stderr. */
  private static final class Bar implements ProgressListener {
    private final PrintWriter err;
    private ProgressBar bar;

    Bar(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void begin(long total) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("generate")
              .setInitialMax(total)
              .setUpdateIntervalMillis(250)
              .setConsumer(
                  new DelegatingProgressBarConsumer(
                      line -> {
                        err.print('\r' + line);
                        err.flush();
                      },
                      80))
              .build();
    }

    @Override
    public void advance(long steps) {
      bar.stepBy(steps);
    }

    @Override
    public void end() {
      bar.close();
      err.println();
      err.flush();
    }
  }

  static final class ScaleConverter implements CommandLine.ITypeConverter<Scale> {
    @Override
    public Scale convert(String value) {
      try {
        return Scale.named(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class YearRangeConverter implements CommandLine.ITypeConverter<YearRange> {
    @Override
    public YearRange convert(String value) {
      try {
        return YearRange.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
