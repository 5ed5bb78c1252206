package org.victimmonitor.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.victimmonitor.common.BadInputException;

/**
 * The DuckDB catalog {@code <warehouse>/monitor.duckdb}: one view per star table of the published
 * version (Parquet; fact tables read with their {@code year=} hive partitions), then the views of
 * {@code sql/warehouse/*.sql} in file-name order. Nothing under {@code restricted/} gets a view.
 * Rebuilt (atomically) after every publish; any DuckDB client opens it read-only.
 */
public final class Catalog {
  public static final String FILE = "monitor.duckdb";
  public static final String CURRENT = "CURRENT";

  private Catalog() {}

  /** The star folder of the version that CURRENT names. */
  public static Path currentStar(Path warehouse) throws IOException {
    Path current = warehouse.resolve(CURRENT);
    if (!Files.isRegularFile(current)) {
      throw new BadInputException(
          warehouse + ": not a warehouse (no CURRENT file); run monitor load first");
    }
    String version = Files.readString(current, StandardCharsets.UTF_8).strip();
    Path star = warehouse.resolve("versions").resolve(version).resolve("star");
    if (!Files.isDirectory(star)) {
      throw new BadInputException(current + ": names version " + version + ", which has no star/");
    }
    return star;
  }

  /** The oldest DuckDB release whose storage format the catalog is written in. */
  public static final String STORAGE_COMPATIBILITY = "v1.0.0";

  /** Rebuilds {@code monitor.duckdb} over the current version; returns the views created. */
  public static List<String> rebuild(Path warehouse) throws IOException, SQLException {
    Path star = currentStar(warehouse).toAbsolutePath().normalize();
    Path tmp = warehouse.resolve(FILE + ".tmp");
    Files.deleteIfExists(tmp);
    List<String> views = new ArrayList<>();
    // Written in the storage format of DuckDB 1.0 (which 0.10 reads too), whatever the driver's
    // default: statisticians open the catalog with their own DuckDB clients (docs: README).
    Properties p = new Properties();
    p.setProperty("storage_compatibility_version", STORAGE_COMPATIBILITY);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp.toAbsolutePath(), p);
        Statement st = c.createStatement()) {
      views.addAll(createViews(st, star));
    }
    Files.move(
        tmp,
        warehouse.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(warehouse.resolve(FILE + ".tmp.wal"));
    return views;
  }

  /**
   * Creates, on a DuckDB connection, one view per star table under {@code star} and then the views
   * of {@code sql/warehouse}; returns their names.
   */
  static List<String> createViews(Statement st, Path star) throws IOException, SQLException {
    List<String> views = new ArrayList<>();
    List<Path> tables;
    try (Stream<Path> s = Files.list(star)) {
      tables = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Path t : tables) {
      String name = t.getFileName().toString();
      if (!name.matches("[a-z][a-z0-9_]*")) {
        continue;
      }
      boolean partitioned;
      try (Stream<Path> s = Files.list(t)) {
        partitioned = s.anyMatch(p -> p.getFileName().toString().startsWith("year="));
      }
      String glob =
          t.resolve(partitioned ? "*/*.parquet" : "*.parquet").toString().replace("'", "''");
      String read =
          partitioned
              ? "read_parquet('"
                  + glob
                  + "', hive_partitioning = true, hive_types = {'year': INTEGER})"
              : "read_parquet('" + glob + "')";
      st.execute("create view " + name + " as select * from " + read);
      views.add(name);
    }
    for (SqlFile f : SqlFile.list("sql/warehouse")) {
      st.execute(f.sql());
      views.add(f.name());
    }
    return views;
  }

  /**
   * A read-only connection to the catalog, as statisticians get it through {@code monitor sql}: it
   * reads the current version's star tables and no other file.
   */
  public static Connection openReadOnly(Path warehouse) throws SQLException {
    Path db = warehouse.resolve(FILE);
    if (!Files.isRegularFile(db)) {
      throw new BadInputException(db + ": no catalog; run monitor load (or monitor catalog) first");
    }
    Path star;
    try {
      star = currentStar(warehouse).toAbsolutePath().normalize();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p);
    try (Statement st = c.createStatement()) {
      // The views read the published star tables, and so may the queries, but no other file:
      // not restricted/ (the vault's tokens, the quarantine's original rows), not the deliveries
      // or the extracts, nothing beside the warehouse. Locked, so a query cannot undo it.
      st.execute(
          "set allowed_directories = ['"
              + (star.toString() + java.io.File.separator).replace("'", "''")
              + "']");
      st.execute("set enable_external_access = false");
      st.execute("set lock_configuration = true");
      // a warehouse moved or copied keeps views over the old path, which the limit above refuses
      try (ResultSet rs =
          st.executeQuery("select sql from duckdb_views() where view_name = 'dim_person'")) {
        String dir = star.toString().replace("'", "''") + java.io.File.separator;
        if (rs.next() && !rs.getString(1).contains("'" + dir)) {
          throw new BadInputException(
              db
                  + ": its views read another folder than this warehouse's current version ("
                  + star
                  + "); the warehouse was moved or copied: run monitor catalog --warehouse "
                  + warehouse
                  + " to make them anew");
        }
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /**
   * Refuses SQL that is not a query: {@code monitor sql} runs SELECT statements (with WITH, FROM,
   * VALUES, DESCRIBE, SHOW and SUMMARIZE), never COPY, EXPORT, PRAGMA, EXPLAIN, SET or a write. The
   * read-only catalog and the directory limit stop writes to the database and reads of other files,
   * but a COPY into the star folder itself would be allowed by them: it would change the published
   * tables. DuckDB parses the text without running it ({@code json_serialize_sql}, which serializes
   * SELECT statements only), so a statement before a query is refused too.
   */
  public static void requireQueries(Connection c, String sql) throws SQLException {
    String parsed;
    try (PreparedStatement ps = c.prepareStatement("select json_serialize_sql(?::varchar)")) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        parsed = rs.getString(1);
      }
    }
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(parsed);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("json_serialize_sql gave no JSON", e);
    }
    if (!n.path("error").asBoolean(true)) {
      return;
    }
    String type = n.path("error_type").asText();
    if (type.equals("not implemented")) {
      throw new BadInputException(
          "query refused: monitor sql runs queries only (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW,"
              + " SUMMARIZE); COPY, EXPORT, PRAGMA, EXPLAIN, SET and statements that write are"
              + " refused");
    }
    // a syntax error: let DuckDB report it as it runs the query
  }

  /** A SQL file shipped in the jar (from the repository's {@code sql/} folder). */
  public record SqlFile(String name, String sql) {
    /** The .sql files of one sql/ subfolder shipped in the jar, in file-name order. */
    public static List<SqlFile> list(String folder) throws IOException {
      java.net.URL url = Catalog.class.getResource("/" + folder);
      List<SqlFile> out = new ArrayList<>();
      if (url == null) {
        return out;
      }
      try {
        java.net.URI uri = url.toURI();
        if (uri.getScheme().equals("jar")) {
          try (java.nio.file.FileSystem fs =
              java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of())) {
            read(fs.provider().getPath(uri), out);
          }
        } else {
          read(Path.of(uri), out);
        }
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException(e);
      }
      return out;
    }

    private static void read(Path dir, List<SqlFile> out) throws IOException {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f : s.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
          String n = f.getFileName().toString();
          // a leading NN_ only orders the files: 01_person_year.sql makes person_year
          String name = n.substring(0, n.length() - 4).replaceFirst("^\\d+_", "");
          out.add(new SqlFile(name, Files.readString(f)));
        }
      }
    }
  }
}
