package org.victimmonitor.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.warehouse.Catalog;
import org.victimmonitor.warehouse.QueryResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code monitor sql}: a read-only query on the warehouse views (monitor.duckdb). */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Run a read-only SQL query on the warehouse's DuckDB views and print the result as an"
            + " aligned table (or CSV). Restricted data has no view, and the query reads no file"
            + " but the current version's star tables.")
final class SqlCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin WarehouseOption warehouseOption;

  @ArgGroup(multiplicity = "1")
  Query query;

  static final class Query {
    @Parameters(paramLabel = "SQL", description = "The query, e.g. \"select * from dim_source\".")
    String sql;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the query from FILE.")
    Path file;
  }

  @Option(
      names = "--var",
      paramLabel = "NAME=VALUE",
      description =
          "Set a DuckDB variable before the query (SET VARIABLE), e.g. --var report_year=2020 for"
              + " the monitor queries of sql/monitor/. Repeatable.")
  java.util.Map<String, String> vars = new java.util.LinkedHashMap<>();

  @Option(
      names = "--csv",
      description = "Print CSV (header row, comma-separated) instead of a table.")
  boolean csv;

  /** A {@code getvariable('name')} call in a query. */
  static final java.util.regex.Pattern GETVARIABLE =
      java.util.regex.Pattern.compile(
          "getvariable\\s*\\(\\s*'([^']*)'\\s*\\)", java.util.regex.Pattern.CASE_INSENSITIVE);

  @Override
  public Integer call() throws Exception {
    Path warehouse = warehouseOption.dir;
    String sql = query.sql != null ? query.sql : readFile(query.file);
    // DuckDB reads an unset variable as NULL: a monitor query without its report year would print
    // an empty table and exit 0
    java.util.regex.Matcher read = GETVARIABLE.matcher(sql);
    while (read.find()) {
      if (!vars.containsKey(read.group(1))) {
        throw new ParameterException(
            spec.commandLine(),
            "the query reads the variable "
                + read.group(1)
                + ", which is not set: give it with --var "
                + read.group(1)
                + "=VALUE"
                + (read.group(1).equals("report_year") ? " (e.g. --var report_year=2020)" : ""));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Connection c = Catalog.openReadOnly(warehouse)) {
      for (var v : vars.entrySet()) {
        if (!v.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw new BadInputException("--var: '" + v.getKey() + "' is not a variable name");
        }
        String value = v.getValue();
        String literal = value.matches("-?\\d+") ? value : "'" + value.replace("'", "''") + "'";
        try (java.sql.Statement st = c.createStatement()) {
          st.execute("set variable " + v.getKey() + " = " + literal);
        }
      }
      Catalog.requireQueries(c, sql);
      QueryResult r = QueryResult.run(c, sql);
      if (csv) {
        r.printCsv(out);
      } else {
        r.printAligned(out);
      }
    } catch (SQLException e) {
      String msg =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new BadInputException("query failed: " + msg);
    }
    return ExitCodes.OK;
  }

  private static String readFile(Path f) throws java.io.IOException {
    if (!Files.isRegularFile(f)) {
      throw new BadInputException(f + ": query file not found");
    }
    return Files.readString(f);
  }
}
