package org.victimmonitor.delivery;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.victimmonitor.pseudonymise.Bsn;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * Delivery-level validation at the office, before anything is loaded: manifest present and
 * consistent with its folder, checksum and record count, delivery schema and linkage schema
 * versions, one key fingerprint across all deliveries, and plaintext detection in every column (a
 * value passing the BSN 11-test, a full date or words in a token column reject the delivery whole).
 * Also counts, per reason, the rows that row-level validation would quarantine. Messages name the
 * file, row and column, never the value.
 */
public final class DeliveryValidator {

  /**
   * Outcome for one delivery: {@code problem} is null when it is accepted. {@code rowProblems}
   * counts the rows the row checks would quarantine, per reason, including the rows that repeat a
   * row of an earlier delivery ({@code overlap}).
   */
  public record Result(
      Path folder,
      Manifest manifest,
      String problem,
      long rows,
      Map<String, Long> rowProblems,
      Overlap overlap) {
    public Result(
        Path folder, Manifest manifest, String problem, long rows, Map<String, Long> rowProblems) {
      this(folder, manifest, problem, rows, rowProblems, Overlap.NONE);
    }

    public boolean accepted() {
      return problem == null;
    }
  }

  /**
   * What a delivery shares with the earlier deliveries (in folder order) of its source and dataset.
   * {@code repeatedRows}: its rows that repeat an earlier delivery's row cell for cell (record id
   * included), each mapped to where that row is ({@code row N of SOURCE/DATASET/PERIOD}); they are
   * quarantined as {@link RowChecks#DUPLICATE_RECORD_ID}, as a row sent twice within a delivery is.
   * {@code idsWithOtherCells}: its rows whose record id an earlier delivery has with other cells,
   * and {@code earlier}: the deliveries it shares rows or ids with. Such rows are loaded, as a
   * provider's ids may start again each year; a corrected row sent in a second delivery is loaded
   * twice, so {@code monitor validate} and the load say so. Only rows that pass the row checks take
   * part.
   */
  public record Overlap(
      Map<Long, String> repeatedRows, long idsWithOtherCells, SortedSet<String> earlier) {
    public static final Overlap NONE =
        new Overlap(Map.of(), 0, java.util.Collections.emptySortedSet());
  }

  /**
   * Fingerprints of a delivery's rows that pass the row checks: row number, 64 bits of the record
   * id and 64 bits of all its cells. Only rows with the same id are compared, so two different rows
   * are taken for the same with a chance of 2^-64 per pair. Held only while {@link #validateAll}
   * compares deliveries.
   */
  private record Prints(long[] rows, long[] ids, long[] cells, int size) {
    static final Prints NONE = new Prints(new long[0], new long[0], new long[0], 0);
  }

  /** Fingerprints as they are collected. */
  private static final class PrintsBuilder {
    private long[] rows = new long[1024];
    private long[] ids = new long[1024];
    private long[] cells = new long[1024];
    private int n;

    void add(long row, CSVRecord rec) {
      if (n == rows.length) {
        rows = java.util.Arrays.copyOf(rows, n * 2);
        ids = java.util.Arrays.copyOf(ids, n * 2);
        cells = java.util.Arrays.copyOf(cells, n * 2);
      }
      rows[n] = row;
      ids[n] = mix(hash(rec.get(0).strip(), 0x5851F42D4C957F2DL));
      long h = 0x14057B7EF767814FL;
      for (String v : rec) {
        h = hash(v, h);
      }
      cells[n] = mix(h);
      n++;
    }

    Prints build() {
      return new Prints(rows, ids, cells, n);
    }
  }

  /**
   * Adds a text to a running 64-bit hash, four characters at a time (Murmur3's mixing of a block);
   * the text's length goes into its last block, so that cells chained one after the other cannot be
   * shifted into each other.
   */
  static long hash(String v, long h) {
    int n = v.length();
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      h =
          block(
              h,
              v.charAt(i)
                  | (long) v.charAt(i + 1) << 16
                  | (long) v.charAt(i + 2) << 32
                  | (long) v.charAt(i + 3) << 48);
    }
    long last = n & 0xFFFF;
    for (int k = 16; i < n; i++, k += 16) {
      last |= (long) v.charAt(i) << k;
    }
    return block(h, last);
  }

  private static long block(long h, long w) {
    w *= 0x87C37B91114253D5L;
    w = Long.rotateLeft(w, 31);
    w *= 0x4CF5AD432745937FL;
    h ^= w;
    return Long.rotateLeft(h, 27) * 5 + 0x52DCE729;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  private final LinkageSchema linkage;
  private final CodeLists codes = CodeLists.get();
  private final SourceCatalog catalog = SourceCatalog.load();

  public DeliveryValidator(LinkageSchema linkage) {
    this.linkage = linkage;
  }

  /**
   * All delivery folders (those holding a manifest.json) under a root, sorted. Symbolic links are
   * followed: an office may assemble its deliveries folder from links to where each provider's
   * files land (a link that loops is an error, not an endless walk).
   */
  public static List<Path> findDeliveries(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new org.victimmonitor.common.BadInputException(root + ": deliveries folder not found");
    }
    try (Stream<Path> s = Files.walk(root, 4, FileVisitOption.FOLLOW_LINKS)) {
      return s.filter(p -> p.getFileName().toString().equals(Manifest.FILE))
          .map(Path::getParent)
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof FileSystemLoopException loop) {
        throw new org.victimmonitor.common.BadInputException(
            root + ": a symbolic link loops back to a folder above it: " + loop.getFile());
      }
      throw e.getCause();
    }
  }

  /**
   * Validates every delivery under the root. A fingerprint that differs from the majority's rejects
   * that delivery (the tokens were made with another key and cannot link).
   */
  public List<Result> validateAll(Path root) throws IOException {
    // Deliveries are independent: read them in parallel, one per core, results in folder order.
    List<Checked> checked;
    try {
      checked =
          findDeliveries(root).parallelStream()
              .map(
                  d -> {
                    try {
                      return check(d);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    List<Result> results = checked.stream().map(Checked::result).toList();
    Map<String, Integer> prints = new TreeMap<>();
    for (Result r : results) {
      if (r.manifest() != null) {
        prints.merge(r.manifest().keyFingerprint(), 1, Integer::sum);
      }
    }
    if (prints.size() > 1) {
      String majority =
          prints.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      List<Result> out = new ArrayList<>();
      for (Result r : results) {
        if (r.accepted() && !r.manifest().keyFingerprint().equals(majority)) {
          out.add(
              new Result(
                  r.folder(),
                  r.manifest(),
                  r.folder().resolve(Manifest.FILE)
                      + ": key fingerprint differs from the other deliveries' ("
                      + prints.size()
                      + " different keys); ask the provider to pseudonymise with the shared key",
                  r.rows(),
                  r.rowProblems()));
        } else {
          out.add(r);
        }
      }
      results = out;
    }
    return withOverlaps(results, checked.stream().map(Checked::prints).toList());
  }

  private record Checked(Result result, Prints prints) {}

  /**
   * Compares the accepted deliveries of each source and dataset in folder order (so in period
   * order: 2021 before 2021-Q1 before 2022): a row that repeats an earlier delivery's row cell for
   * cell is a row problem of the later delivery ({@link Overlap}).
   */
  private static List<Result> withOverlaps(List<Result> results, List<Prints> prints) {
    Map<String, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      if (r.accepted()) {
        groups
            .computeIfAbsent(
                r.manifest().source() + "/" + r.manifest().dataset(), k -> new ArrayList<>())
            .add(i);
      }
    }
    List<Result> out = new ArrayList<>(results);
    for (List<Integer> group : groups.values()) {
      if (group.size() < 2) {
        continue;
      }
      // Ids in more than one delivery: their hashes repeat (ids repeated within a delivery are
      // row problems already and have no print).
      int total = 0;
      for (int i : group) {
        total += prints.get(i).size();
      }
      long[] all = new long[total];
      int k = 0;
      for (int i : group) {
        Prints p = prints.get(i);
        System.arraycopy(p.ids(), 0, all, k, p.size());
        k += p.size();
      }
      java.util.Arrays.sort(all);
      Set<Long> shared = new HashSet<>();
      for (int j = 1; j < all.length; j++) {
        if (all[j] == all[j - 1]) {
          shared.add(all[j]);
        }
      }
      if (shared.isEmpty()) {
        continue;
      }
      // id hash -> rows seen so far: {delivery index, row, cells hash}
      Map<Long, List<long[]>> seen = new HashMap<>();
      for (int i : group) {
        Prints p = prints.get(i);
        Map<Long, String> repeated = new TreeMap<>();
        long otherCells = 0;
        TreeSet<String> earlier = new TreeSet<>();
        for (int j = 0; j < p.size(); j++) {
          if (!shared.contains(p.ids()[j])) {
            continue;
          }
          List<long[]> before = seen.computeIfAbsent(p.ids()[j], x -> new ArrayList<>());
          long[] same = null;
          boolean other = false;
          for (long[] b : before) {
            if (b[0] != i && b[2] == p.cells()[j]) {
              same = b;
              break;
            }
            other |= b[0] != i;
          }
          if (same != null) {
            String where = id(results.get((int) same[0]));
            repeated.put(p.rows()[j], "row " + same[1] + " of " + where);
            earlier.add(where);
            continue; // quarantined: later rows compare with the first copy
          }
          if (other) {
            otherCells++;
            for (long[] b : before) {
              if (b[0] != i) {
                earlier.add(id(results.get((int) b[0])));
              }
            }
          }
          before.add(new long[] {i, p.rows()[j], p.cells()[j]});
        }
        if (repeated.isEmpty() && otherCells == 0) {
          continue;
        }
        Result r = results.get(i);
        Map<String, Long> problems = new TreeMap<>(r.rowProblems());
        if (!repeated.isEmpty()) {
          problems.merge(RowChecks.DUPLICATE_RECORD_ID, (long) repeated.size(), Long::sum);
        }
        out.set(
            i,
            new Result(
                r.folder(),
                r.manifest(),
                r.problem(),
                r.rows(),
                problems,
                new Overlap(
                    Map.copyOf(repeated),
                    otherCells,
                    java.util.Collections.unmodifiableSortedSet(earlier))));
      }
    }
    return out;
  }

  /** {@code SOURCE/DATASET/PERIOD} of an accepted delivery. */
  private static String id(Result r) {
    Manifest m = r.manifest();
    return m.source() + "/" + m.dataset() + "/" + m.period();
  }

  /**
   * Validates one delivery folder on its own (rows that repeat another delivery's are found by
   * {@link #validateAll}).
   */
  public Result validate(Path folder) throws IOException {
    return check(folder).result();
  }

  private Checked check(Path folder) throws IOException {
    PrintsBuilder prints = new PrintsBuilder();
    Result r = checkAlone(folder, prints);
    return new Checked(r, r.accepted() ? prints.build() : Prints.NONE);
  }

  private Result checkAlone(Path folder, PrintsBuilder prints) throws IOException {
    Path mf = folder.resolve(Manifest.FILE);
    Manifest m;
    try {
      m = Manifest.read(mf);
    } catch (org.victimmonitor.common.BadInputException e) {
      return new Result(folder, null, e.getMessage(), 0, Map.of());
    }
    String problem = checkManifest(folder, m);
    if (problem != null) {
      return new Result(folder, m, problem, 0, Map.of());
    }
    Path records = folder.resolve(Manifest.RECORDS);
    if (!Files.isRegularFile(records)) {
      return new Result(folder, m, records + ": missing", 0, Map.of());
    }
    String sha = sha256(records);
    if (!sha.equals(m.recordsSha256())) {
      return new Result(
          folder,
          m,
          records + ": checksum does not match the manifest (file changed or truncated in transit)",
          0,
          Map.of());
    }
    DeliverySchema schema = DeliverySchema.forDataset(m.dataset());
    List<String> expected = new ArrayList<>(schema.columnNames());
    expected.addAll(linkage.tokenColumns());
    Map<String, Long> rowProblems = new TreeMap<>();
    long rows = 0;
    try (Reader r = Files.newBufferedReader(records, StandardCharsets.UTF_8);
        CSVParser p =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
      if (!p.getHeaderNames().equals(expected)) {
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(p.getHeaderNames());
        TreeSet<String> extra = new TreeSet<>(p.getHeaderNames());
        extra.removeAll(expected);
        return new Result(
            folder,
            m,
            records
                + ": columns do not match the "
                + m.dataset()
                + " delivery schema and "
                + linkage.id()
                + " (missing "
                + missing
                + ", unexpected "
                + extra
                + ")",
            0,
            Map.of());
      }
      int tokenStart = schema.columns().size();
      Set<String> recordIds = new HashSet<>();
      LocalDate made = RowChecks.madeOn(m.created());
      for (CSVRecord rec : p) {
        rows++;
        boolean firstOfId = recordIds.add(rec.get(0).strip());
        if (!rec.isConsistent()) {
          rowProblems.merge("WRONG_COLUMN_COUNT", 1L, Long::sum);
          continue;
        }
        String rowProblem = null;
        for (int i = 0; i < rec.size(); i++) {
          String v = rec.get(i);
          String col = expected.get(i);
          String plain = PlaintextDetector.check(col, v, i >= tokenStart, tokenLength(col));
          if (plain != null) {
            return new Result(
                folder,
                m,
                records
                    + ": row "
                    + rows
                    + ", column "
                    + col
                    + ": "
                    + plain
                    + "; the delivery looks like it holds identities and is rejected whole",
                rows,
                Map.of());
          }
          if (i < tokenStart && rowProblem == null) {
            if (RowChecks.check(schema.columns().get(i), v, codes) != null) {
              rowProblem = "BAD_" + col.toUpperCase(java.util.Locale.ROOT);
            }
          }
        }
        if (rowProblem == null) {
          RowChecks.Problem across = RowChecks.checkAcross(schema, rec.toList(), made);
          rowProblem = across != null ? across.reason() : null;
        }
        if (rowProblem == null && !firstOfId) {
          rowProblem = RowChecks.DUPLICATE_RECORD_ID;
        }
        if (rowProblem != null) {
          rowProblems.merge(rowProblem, 1L, Long::sum);
        } else {
          prints.add(rows, rec);
        }
      }
    }
    if (rows != m.recordCount()) {
      return new Result(
          folder,
          m,
          records + ": " + rows + " rows, the manifest says " + m.recordCount(),
          rows,
          rowProblems);
    }
    return new Result(folder, m, null, rows, rowProblems);
  }

  private String checkManifest(Path folder, Manifest m) {
    Path mf = folder.resolve(Manifest.FILE);
    if (m.formatVersion() != Manifest.FORMAT_VERSION) {
      return mf + ": manifest format version " + m.formatVersion() + " is not supported";
    }
    Path periodDir = folder.getFileName();
    Path datasetDir = folder.getParent() == null ? null : folder.getParent().getFileName();
    Path sourceDir =
        folder.getParent() == null || folder.getParent().getParent() == null
            ? null
            : folder.getParent().getParent().getFileName();
    if (sourceDir == null
        || !m.source().equals(sourceDir.toString())
        || !m.dataset().equals(datasetDir.toString())
        || !m.period().equals(periodDir.toString())) {
      return mf
          + ": source/dataset/period in the manifest do not match the folder SOURCE/DATASET/PERIOD";
    }
    if (RowChecks.madeOn(m.created()) == null) {
      return mf + ": created is not a time such as 2022-02-01T09:30:00Z";
    }
    String refusal = catalog.refusal(m.source(), m.dataset(), m.period());
    if (refusal != null) {
      return mf + ": " + refusal;
    }
    DeliverySchema schema;
    try {
      schema = DeliverySchema.forDataset(m.dataset());
    } catch (org.victimmonitor.common.BadInputException e) {
      return mf + ": " + e.getMessage();
    }
    if (m.deliverySchema() == null
        || !m.deliverySchema().name().equals(schema.name())
        || m.deliverySchema().version() != schema.version()) {
      return mf
          + ": delivery schema "
          + m.deliverySchema()
          + " does not match "
          + schema.name()
          + "-v"
          + schema.version()
          + " expected by this version of the loader";
    }
    if (m.linkageSchema() == null
        || !m.linkageSchema().name().equals(linkage.name())
        || m.linkageSchema().version() != linkage.version()) {
      return mf
          + ": linkage schema "
          + m.linkageSchema()
          + " does not match "
          + linkage.id()
          + "; tokens of different schema versions cannot be linked (ask the provider to re-run"
          + " monitor pseudonymise with "
          + linkage.id()
          + ")";
    }
    if (m.keyFingerprint() == null || m.keyFingerprint().isBlank()) {
      return mf + ": no key fingerprint";
    }
    return null;
  }

  /** Expected length of a token column's base64url values (0 when not a token column). */
  private int tokenLength(String col) {
    if (col.startsWith("mk_")) {
      return 43;
    }
    if (col.startsWith("bf_")) {
      int bits = linkage.field(col.substring(3)).bloom().bits();
      return (bits / 8 * 4 + 2) / 3;
    }
    return 0;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Heuristics for identities where only tokens or codes may be. */
  /**
   * What the office's plaintext detection finds in a value of a clear (not token) column, or null:
   * the pseudonymiser applies it before it writes a row, so that a delivery the office would reject
   * whole is not made.
   */
  public static String plaintextInClearColumn(String v) {
    return PlaintextDetector.check("", v, false, 0);
  }

  static final class PlaintextDetector {
    private static final Pattern DATE = Pattern.compile("\\d{4}-?\\d{2}-?\\d{2}");

    private PlaintextDetector() {}

    /** Only base64url characters ({@code [A-Za-z0-9_-]+}). */
    static boolean isTokenText(String v) {
      if (v.isEmpty()) {
        return false;
      }
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        boolean ok =
            (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '-';
        if (!ok) {
          return false;
        }
      }
      return true;
    }

    static String check(String col, String v, boolean tokenColumn, int tokenLength) {
      if (v.isEmpty()) {
        return null;
      }
      if (looksLikeBsn(v)) {
        return "a value passes the BSN 11-test";
      }
      if (tokenColumn) {
        if (v.length() >= 8 && DATE.matcher(v.substring(0, Math.min(v.length(), 10))).matches()) {
          return "a date of birth in a token column";
        }
        if (v.length() != tokenLength || !isTokenText(v)) {
          return "not a token (words or wrong length in a token column)";
        }
      }
      return null;
    }

    /**
     * Nine digits (optionally grouped with spaces or dots) that pass the 11-test. Dashes are not
     * accepted as separators, so a date such as 2019-03-04 never counts.
     */
    static boolean looksLikeBsn(String v) {
      if (v.length() < 9 || v.length() > 12) {
        return false;
      }
      StringBuilder d = new StringBuilder(9);
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c >= '0' && c <= '9') {
          d.append(c);
        } else if (c != ' ' && c != '.') {
          return false;
        }
      }
      return d.length() == 9 && Bsn.passesElevenTest(d.toString());
    }
  }
}
