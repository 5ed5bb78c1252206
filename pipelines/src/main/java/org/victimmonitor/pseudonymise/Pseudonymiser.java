package org.victimmonitor.pseudonymise;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.common.FileTrees;
import org.victimmonitor.delivery.CodeLists;
import org.victimmonitor.delivery.DeliverySchema;
import org.victimmonitor.delivery.DeliveryValidator;
import org.victimmonitor.delivery.Manifest;
import org.victimmonitor.delivery.RowChecks;

/**
 * The provider-side step: reads a raw extract (plaintext identities, on the provider's machine) as
 * a stream and writes a delivery {@code <out>/<source>/<dataset>/<period>/} holding records.csv
 * (record id, event columns, coarse attributes, tokens) and manifest.json. Rows that cannot be
 * pseudonymised go to a reject file beside the input, never into the delivery; when they exceed the
 * threshold no delivery is written. Memory does not grow with the input.
 */
public final class Pseudonymiser {

  /** What to pseudonymise and where to. */
  public record Request(
      LinkageKey key,
      LinkageSchema schema,
      String source,
      String dataset,
      String period,
      Path input,
      Path deliveries,
      double maxRejectShare,
      Path rejectFile,
      Character delimiter) {
    /** A request that reads the extract with the linkage schema's delimiter. */
    public Request(
        LinkageKey key,
        LinkageSchema schema,
        String source,
        String dataset,
        String period,
        Path input,
        Path deliveries,
        double maxRejectShare,
        Path rejectFile) {
      this(
          key,
          schema,
          source,
          dataset,
          period,
          input,
          deliveries,
          maxRejectShare,
          rejectFile,
          null);
    }

    /** The extract's column delimiter: as given, or the linkage schema's. */
    public char inputDelimiter() {
      return delimiter != null ? delimiter : schema.delimiter();
    }

    /** The reject file: as given, or {@code x.rejects.csv} beside the input {@code x.csv}. */
    public Path rejects() {
      return rejectFile != null ? rejectFile : rejectFileFor(input);
    }
  }

  /** One rejected row: its number and reason (the reject file also keeps the values). */
  public record RejectedRow(long row, String reason, String message) {}

  /** What happened; holds no record content. */
  public record Summary(
      Path delivery,
      long rows,
      long written,
      long rejected,
      Map<String, Long> rejectsByReason,
      List<RejectedRow> firstRejects,
      Path rejectFile,
      boolean deliveryWritten,
      double seconds) {
    public double recordsPerSecond() {
      return seconds > 0 ? rows / seconds : 0;
    }
  }

  private static final int REPORTED_REJECTS = 20;
  private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final int BATCH = 2048;
  private static final int MAX_IN_FLIGHT = 2 * WORKERS + 2;

  /**
   * One pool for the life of the process: its threads keep their thread-local state (the ICU
   * transliterator is costly to build) across the many extracts of one run.
   */
  private static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          WORKERS,
          r -> {
            Thread t = new Thread(r, "pseudonymise-worker");
            t.setDaemon(true);
            return t;
          });

  private static final CSVFormat LINE = CSVFormat.DEFAULT.builder().setRecordSeparator("").get();

  /** A converted row: the delivery line (CSV, no separator), or the rejection and the row. */
  private record Outcome(
      String line, RecordTokeniser.Rejection rejection, CSVRecord original, String recordId) {
    /** Never the row, its tokens or its id (they hold identities and tokens). */
    @Override
    public String toString() {
      return "Outcome[" + (rejection == null ? "converted" : rejection.reason()) + "]";
    }
  }

  /** Converts raw rows to delivery rows; stateless apart from the tokeniser passed in. */
  private record RowConverter(
      DeliverySchema delivery,
      LinkageSchema schema,
      Map<String, Integer> index,
      int headerSize,
      CodeLists codes) {

    Outcome[] convert(List<CSVRecord> batch, RecordTokeniser tokeniser) {
      List<String> tokenCols = schema.tokenColumns();
      Outcome[] out = new Outcome[batch.size()];
      for (int i = 0; i < out.length; i++) {
        CSVRecord rec = batch.get(i);
        if (!rec.isConsistent()) {
          out[i] =
              new Outcome(
                  null,
                  new RecordTokeniser.Rejection(
                      "WRONG_COLUMN_COUNT",
                      "has " + rec.size() + " columns, the header has " + headerSize),
                  rec,
                  null);
          continue;
        }
        RecordTokeniser.Result result = tokeniser.tokenise(col -> valueOf(rec, index, col));
        String[] values = new String[delivery.columns().size() + tokenCols.size()];
        RecordTokeniser.Rejection rejection = result.rejection();
        if (rejection == null) {
          rejection = fill(values, delivery, schema, result, rec, index, codes);
        }
        if (rejection != null) {
          out[i] = new Outcome(null, rejection, rec, null);
          continue;
        }
        int c = delivery.columns().size();
        for (String t : tokenCols) {
          values[c++] = result.tokens().get(t);
        }
        // formatted here, on the worker: CSV quoting was a fifth of the single writer's time
        out[i] = new Outcome(LINE.format((Object[]) values), null, rec, values[0]);
      }
      return out;
    }
  }

  private static Outcome[] await(Future<Outcome[]> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private Pseudonymiser() {}

  public static Summary run(Request req) throws IOException {
    long start = System.nanoTime();
    checkName("source", req.source());
    checkName("dataset", req.dataset());
    checkName("period", req.period());
    checkRegistered(req.source(), req.dataset(), req.period());
    DeliverySchema delivery = DeliverySchema.forDataset(req.dataset());
    LinkageSchema schema = req.schema();
    if (!Files.isRegularFile(req.input())) {
      throw new BadInputException(req.input() + ": input file not found");
    }
    if (!Files.isReadable(req.input())) {
      throw new BadInputException(req.input() + ": input file is not readable");
    }

    Path target =
        req.deliveries().resolve(req.source()).resolve(req.dataset()).resolve(req.period());
    // folders this run makes, removed again (when empty) if it writes no delivery
    Path made = target.getParent();
    while (made.getParent() != null && !Files.exists(made.getParent())) {
      made = made.getParent();
    }
    if (Files.exists(made)) {
      made = null;
    }
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempDirectory(target.getParent(), "." + req.period() + ".tmp-");
    Path rejectFile = req.rejects();
    Files.deleteIfExists(rejectFile);

    CSVFormat in =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(req.inputDelimiter())
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(schema.trim())
            .setIgnoreEmptyLines(true)
            .get();
    List<String> tokenCols = schema.tokenColumns();
    List<String> outCols = new ArrayList<>(delivery.columnNames());
    outCols.addAll(tokenCols);
    CSVFormat out =
        CSVFormat.DEFAULT
            .builder()
            .setRecordSeparator("\n")
            .setHeader(outCols.toArray(String[]::new))
            .get();

    MessageDigest sha = sha256();
    long rows = 0;
    long written = 0;
    Map<String, Long> byReason = new TreeMap<>();
    List<RejectedRow> first = new ArrayList<>();
    CodeLists codes = CodeLists.get();
    CSVPrinter rejects = null;

    try (Reader reader = withoutByteOrderMark(req.input());
        CSVParser parser = in.parse(reader);
        OutputStream os =
            new DigestOutputStream(
                new BufferedOutputStream(
                    Files.newOutputStream(tmp.resolve(Manifest.RECORDS)), 1 << 16),
                sha);
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        CSVPrinter printer = out.print(w)) {
      List<String> header = parser.getHeaderNames();
      checkColumns(req.input(), header, req.inputDelimiter(), schema, delivery);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        index.put(header.get(i), i);
      }
      // Tokenising is the costly part: batches go to a small pool and come back in input order,
      // so the output stays byte-identical while both cores work. Bounded in-flight batches keep
      // memory flat whatever the input size.
      ThreadLocal<RecordTokeniser> tokenisers =
          ThreadLocal.withInitial(() -> new RecordTokeniser(schema, req.key()));
      RowConverter converter = new RowConverter(delivery, schema, index, header.size(), codes);
      ArrayDeque<Future<Outcome[]>> inFlight = new ArrayDeque<>();
      // record ids written so far and their rows: a later row with the same id is rejected
      Map<String, Long> firstRows = new HashMap<>();
      try {
        Iterator<CSVRecord> it = parser.iterator();
        while (it.hasNext() || !inFlight.isEmpty()) {
          if (it.hasNext() && inFlight.size() < MAX_IN_FLIGHT) {
            List<CSVRecord> batch = new ArrayList<>(BATCH);
            while (batch.size() < BATCH && it.hasNext()) {
              batch.add(it.next());
            }
            inFlight.add(POOL.submit(() -> converter.convert(batch, tokenisers.get())));
            continue;
          }
          for (Outcome o : await(inFlight.poll())) {
            rows++;
            RecordTokeniser.Rejection rejection = o.rejection();
            if (rejection == null) {
              Long firstRow = firstRows.putIfAbsent(o.recordId(), rows);
              if (firstRow != null) {
                rejection =
                    new RecordTokeniser.Rejection(
                        RowChecks.DUPLICATE_RECORD_ID, "record id already on row " + firstRow);
              }
            }
            if (rejection != null) {
              byReason.merge(rejection.reason(), 1L, Long::sum);
              if (first.size() < REPORTED_REJECTS) {
                first.add(new RejectedRow(rows, rejection.reason(), rejection.message()));
              }
              if (rejects == null) {
                rejects = openRejects(rejectFile, header);
              }
              List<String> r = new ArrayList<>();
              r.add(Long.toString(rows));
              r.add(rejection.reason());
              r.add(rejection.message());
              o.original().forEach(r::add);
              rejects.printRecord(r);
            } else {
              w.write(o.line());
              w.write('\n');
              written++;
            }
          }
        }
      } catch (UncheckedIOException e) {
        // the rows are parsed ahead of the ones written: the parser knows where it stopped
        long at = parser.getRecordNumber() + 1;
        throw new BadInputException(
            req.input()
                + ": unreadable CSV at row "
                + at
                + ": "
                + e.getCause().getMessage()
                + " (check quoting)");
      } finally {
        inFlight.forEach(f -> f.cancel(true));
      }
    } catch (IOException | RuntimeException e) {
      FileTrees.deleteTree(tmp);
      if (rejects != null) {
        rejects.close();
      }
      removeEmpty(target.getParent(), made);
      if (e instanceof java.nio.charset.CharacterCodingException
          || e.getCause() instanceof java.nio.charset.CharacterCodingException) {
        // the reader decodes ahead of the parser: find the line itself
        throw new BadInputException(
            req.input()
                + ": line "
                + firstLineNotUtf8(req.input())
                + " of the file is not UTF-8 text; save the extract as UTF-8");
      }
      throw e;
    }
    if (rejects != null) {
      rejects.close();
    }

    long rejected = rows - written;
    boolean ok = rows == 0 || (double) rejected / rows <= req.maxRejectShare();
    if (ok) {
      Manifest m =
          new Manifest(
              Manifest.FORMAT_VERSION,
              req.source(),
              req.dataset(),
              req.period(),
              Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
              written,
              rejected,
              HexFormat.of().formatHex(sha.digest()),
              new Manifest.SchemaRef(delivery.name(), delivery.version()),
              new Manifest.SchemaRef(schema.name(), schema.version()),
              req.key().fingerprint());
      m.write(tmp.resolve(Manifest.FILE));
      publish(tmp, target);
    } else {
      FileTrees.deleteTree(tmp);
      removeEmpty(target.getParent(), made);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Summary(
        target,
        rows,
        written,
        rejected,
        byReason,
        first,
        rejects == null ? null : rejectFile,
        ok,
        seconds);
  }

  /**
   * A UTF-8 reader of the input that skips a byte order mark: spreadsheet programs write one ("CSV
   * UTF-8"), and it would otherwise be read as part of the first column's name.
   */
  static Reader withoutByteOrderMark(Path input) throws IOException {
    BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8);
    try {
      r.mark(1);
      if (r.read() != '\uFEFF') {
        r.reset();
      }
    } catch (IOException e) {
      r.close();
      throw e;
    }
    return r;
  }

  /** Deletes {@code dir} and its parents up to {@code top} while they are empty; no-op if null. */
  private static void removeEmpty(Path dir, Path top) throws IOException {
    if (top == null) {
      return;
    }
    for (Path d = dir; d != null && d.startsWith(top); d = d.getParent()) {
      try (var entries = Files.list(d)) {
        if (entries.findAny().isPresent()) {
          return;
        }
      }
      Files.delete(d);
    }
  }

  /** The number (from 1, the header) of the first line that is not valid UTF-8, or 0. */
  static long firstLineNotUtf8(Path input) throws IOException {
    java.nio.charset.CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    try (java.io.InputStream in =
        new java.io.BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
      java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
      long n = 1;
      int b;
      while (true) {
        b = in.read();
        if (b == '\n' || b < 0) {
          try {
            strict.reset().decode(java.nio.ByteBuffer.wrap(line.toByteArray()));
          } catch (java.nio.charset.CharacterCodingException e) {
            return n;
          }
          if (b < 0) {
            return 0;
          }
          line.reset();
          n++;
        } else {
          line.write(b);
        }
      }
    }
  }

  /** The reject file of an input: {@code x.csv} gives {@code x.rejects.csv} beside it. */
  public static Path rejectFileFor(Path input) {
    String n = input.getFileName().toString();
    String base = n.endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
    return input.resolveSibling(base + ".rejects.csv");
  }

  private static String valueOf(CSVRecord rec, Map<String, Integer> index, String col) {
    Integer i = index.get(col);
    return i == null ? null : rec.get(i);
  }

  /** Fills the delivery columns of a row; returns a rejection when an event value is invalid. */
  private static RecordTokeniser.Rejection fill(
      String[] values,
      DeliverySchema delivery,
      LinkageSchema schema,
      RecordTokeniser.Result result,
      CSVRecord rec,
      Map<String, Integer> index,
      CodeLists codes) {
    int c = 0;
    for (DeliverySchema.Column col : delivery.columns()) {
      String v;
      if (col.name().equals("record_id")) {
        v = valueOf(rec, index, schema.recordIdColumn()).strip();
        if (v.isEmpty()) {
          return new RecordTokeniser.Rejection("MISSING_RECORD_ID", "record id is empty");
        }
        String held = RecordIdCheck.identityIn(v, schema, name -> valueOf(rec, index, name));
        if (held != null) {
          return new RecordTokeniser.Rejection(
              "BAD_RECORD_ID",
              "record_id: holds the row's "
                  + held
                  + "; a record id must be the provider's own pseudonymous id, such as a running"
                  + " number");
        }
      } else if (result.clear().containsKey(col.name())) {
        v = result.clear().get(col.name());
      } else {
        v = valueOf(rec, index, col.name());
        v = v == null ? "" : v.strip();
        String problem = RowChecks.check(col, v, codes);
        if (problem != null) {
          return new RecordTokeniser.Rejection(
              "BAD_" + col.name().toUpperCase(java.util.Locale.ROOT), col.name() + ": " + problem);
        }
      }
      String plain = DeliveryValidator.plaintextInClearColumn(v);
      if (plain != null) {
        // the office rejects a whole delivery holding one: a record id must be pseudonymous
        return new RecordTokeniser.Rejection(
            "BAD_" + col.name().toUpperCase(java.util.Locale.ROOT),
            col.name() + ": " + plain + ", which the office refuses in a delivery");
      }
      values[c++] = v;
    }
    // the delivery is made today: no event can be dated later
    RowChecks.Problem across =
        RowChecks.checkAcross(
            delivery, Arrays.asList(values).subList(0, c), LocalDate.now(ZoneOffset.UTC));
    if (across != null) {
      return new RecordTokeniser.Rejection(across.reason(), across.column() + ": " + across.text());
    }
    return bornAfterTheEvent(values, delivery, schema, rec, index);
  }

  /**
   * The full date of birth, which the delivery carries as a year only, not after the event date:
   * the office can check the year alone, so a birth later in the year of the event is caught here
   * or nowhere.
   */
  private static RecordTokeniser.Rejection bornAfterTheEvent(
      String[] values,
      DeliverySchema delivery,
      LinkageSchema schema,
      CSVRecord rec,
      Map<String, Integer> index) {
    int event = delivery.eventDate();
    for (LinkageSchema.ClearColumn cc : schema.clear()) {
      if (event < 0 || !cc.column().equals("birth_year") || !cc.from().endsWith(".year")) {
        continue;
      }
      String field = cc.from().substring(0, cc.from().length() - ".year".length());
      String dob = valueOf(rec, index, field);
      String at = values[event];
      if (dob != null
          && at != null
          && RowChecks.isIsoDate(dob.strip())
          && RowChecks.isIsoDate(at)
          && LocalDate.parse(dob.strip()).isAfter(LocalDate.parse(at))) {
        return new RecordTokeniser.Rejection(
            "BAD_" + field.toUpperCase(java.util.Locale.ROOT),
            field + ": after " + delivery.columns().get(event).name());
      }
    }
    return null;
  }

  private static void checkColumns(
      Path input,
      List<String> header,
      char delimiter,
      LinkageSchema schema,
      DeliverySchema delivery) {
    List<String> missing = new ArrayList<>();
    if (!header.contains(schema.recordIdColumn())) {
      missing.add(schema.recordIdColumn());
    }
    for (LinkageSchema.Field f : schema.fields()) {
      if (!header.contains(f.name())) {
        missing.add(f.name());
      }
    }
    List<String> clear = schema.clear().stream().map(LinkageSchema.ClearColumn::column).toList();
    for (DeliverySchema.Column col : delivery.columns()) {
      if (!col.name().equals("record_id")
          && !clear.contains(col.name())
          && !header.contains(col.name())) {
        missing.add(col.name());
      }
    }
    if (!missing.isEmpty() && header.size() == 1) {
      // Excel in Dutch (and most European) settings saves "CSV" separated by semicolons
      for (char other : new char[] {';', '\t', '|', ','}) {
        if (other != delimiter
            && List.of(header.get(0).split(Pattern.quote(String.valueOf(other)), -1))
                .contains(schema.recordIdColumn())) {
          throw new BadInputException(
              input
                  + ": the header row is separated by "
                  + delimiterName(other)
                  + ", not by "
                  + delimiterName(delimiter)
                  + ": run again with --delimiter '"
                  + (other == '\t' ? "tab" : String.valueOf(other))
                  + "', or save the file as comma-separated CSV (in Excel: CSV UTF-8)");
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new BadInputException(
          input
              + ": missing column(s) "
              + missing
              + " required by the "
              + delivery.name()
              + " delivery schema and the "
              + schema.id()
              + " linkage schema");
    }
  }

  /** How a delimiter is named in messages. */
  public static String delimiterName(char c) {
    return switch (c) {
      case ',' -> "commas";
      case ';' -> "semicolons";
      case '\t' -> "tabs";
      case '|' -> "vertical bars";
      default -> "'" + c + "'";
    };
  }

  private static CSVPrinter openRejects(Path file, List<String> header) throws IOException {
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    List<String> cols = new ArrayList<>(List.of("row", "reason", "message"));
    cols.addAll(header);
    return CSVFormat.DEFAULT
        .builder()
        .setRecordSeparator("\n")
        .setHeader(cols.toArray(String[]::new))
        .get()
        .print(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }

  /** Replaces the target folder by the finished temporary one (rename within one filesystem). */
  private static void publish(Path tmp, Path target) throws IOException {
    if (Files.exists(target)) {
      Path old = Files.createTempDirectory(target.getParent(), ".old-");
      Files.move(target, old.resolve("d"), StandardCopyOption.ATOMIC_MOVE);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      FileTrees.deleteTree(old);
    } else {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** What the office's validation would refuse about the delivery's names, checked first. */
  private static void checkRegistered(String source, String dataset, String period) {
    org.victimmonitor.delivery.SourceCatalog catalog =
        org.victimmonitor.delivery.SourceCatalog.load();
    String refusal = catalog.refusal(source, dataset, period);
    if (refusal == null) {
      return;
    }
    String registered =
        catalog.find(source, dataset).isPresent()
            ? ""
            : "; registered: "
                + String.join(
                    ", ",
                    catalog.entries().stream().map(e -> e.source() + " " + e.dataset()).toList());
    throw new BadInputException(refusal + ", so the office would reject the delivery" + registered);
  }

  private static void checkName(String what, String v) {
    if (v == null || !v.matches("[A-Za-z0-9_-]+")) {
      throw new BadInputException(
          what + " must be letters, digits, '_' or '-' (it becomes a folder name)");
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
