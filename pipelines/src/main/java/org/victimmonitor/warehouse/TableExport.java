package org.victimmonitor.warehouse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.victimmonitor.common.BadInputException;

/**
 * Writes published monitor tables: CSV (one file per table, {@code mNN_<topic>.csv}), XLSX (one
 * workbook, one sheet per table with title, notes, source and suppression legend) and HTML (one
 * page readable on its own). Only {@link PublishedTable}s, i.e. disclosure-controlled tables, can
 * be written.
 */
public final class TableExport {
  /** Export formats. */
  public enum Format {
    CSV,
    XLSX,
    HTML;

    public static Set<Format> parse(String list) {
      Set<Format> out = EnumSet.noneOf(Format.class);
      for (String f : list.split(",")) {
        String s = f.strip().toUpperCase(Locale.ROOT);
        try {
          out.add(Format.valueOf(s));
        } catch (IllegalArgumentException e) {
          throw new BadInputException(
              "--format: unknown format '" + f.strip() + "'; choose from csv, xlsx, html");
        }
      }
      return out;
    }
  }

  public static final String SOURCE =
      "Source: victim monitor warehouse (registrations of presumed victims of trafficking by"
          + " police, border police, labour inspectorate and care providers, linked by"
          + " privacy-preserving pseudonyms).";

  private TableExport() {}

  /** The legend of the suppression labels under the given rules. */
  public static String legend(DisclosureRules rules) {
    String s =
        rules.suppressedLabel()
            + " = fewer than "
            + rules.threshold()
            + " (suppressed); "
            + DisclosureControl.HIDDEN
            + " = hidden so that no suppressed cell can be worked out from the others and the"
            + " totals, or a percentage based on such a count or on fewer than "
            + rules.threshold()
            + " persons.";
    if (rules.roundingBase() > 1) {
      s += " Counts are rounded to a multiple of " + rules.roundingBase() + ".";
    }
    return s;
  }

  /** Writes the tables in the given formats into {@code dir}; returns the files written. */
  public static List<Path> write(
      List<PublishedTable> tables, int year, Path dir, Set<Format> formats, DisclosureRules rules)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    if (formats.contains(Format.CSV)) {
      for (PublishedTable t : tables) {
        Path f = dir.resolve(t.name() + ".csv");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(f, StandardCharsets.UTF_8))) {
          t.asResult().printCsv(w);
        }
        files.add(f);
      }
    }
    if (formats.contains(Format.XLSX)) {
      Path f = dir.resolve("monitor-tables-" + year + ".xlsx");
      try (OutputStream out = Files.newOutputStream(f)) {
        writeXlsx(tables, year, rules, out);
      }
      files.add(f);
    }
    if (formats.contains(Format.HTML)) {
      Path f = dir.resolve("monitor-tables-" + year + ".html");
      try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
        writeHtml(tables, year, rules, w);
      }
      files.add(f);
    }
    return files;
  }

  static void writeXlsx(
      List<PublishedTable> tables, int year, DisclosureRules rules, OutputStream out)
      throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Font bold = wb.createFont();
      bold.setBold(true);
      CellStyle title = wb.createCellStyle();
      Font big = wb.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 13);
      title.setFont(big);
      CellStyle header = wb.createCellStyle();
      header.setFont(bold);
      CellStyle right = wb.createCellStyle();
      right.setAlignment(HorizontalAlignment.RIGHT);
      for (PublishedTable t : tables) {
        Sheet s = wb.createSheet(t.id());
        int r = 0;
        Cell c = s.createRow(r++).createCell(0);
        c.setCellValue(t.id() + ". " + t.title() + ", " + year);
        c.setCellStyle(title);
        if (!t.description().isEmpty()) {
          s.createRow(r++).createCell(0).setCellValue(t.description());
        }
        r++;
        Row h = s.createRow(r++);
        for (int j = 0; j < t.columns().size(); j++) {
          Cell hc = h.createCell(j);
          hc.setCellValue(t.columns().get(j));
          hc.setCellStyle(header);
        }
        for (List<String> values : t.rows()) {
          Row row = s.createRow(r++);
          for (int j = 0; j < values.size(); j++) {
            Cell vc = row.createCell(j);
            String v = values.get(j);
            if (t.numeric().get(j) && isNumber(v)) {
              vc.setCellValue(Double.parseDouble(v));
            } else {
              vc.setCellValue(v);
              if (t.numeric().get(j)) {
                vc.setCellStyle(right);
              }
            }
          }
        }
        r++;
        for (String note : t.notes()) {
          s.createRow(r++).createCell(0).setCellValue(note);
        }
        s.createRow(r++).createCell(0).setCellValue(SOURCE);
        s.createRow(r++).createCell(0).setCellValue("Legend: " + legend(rules));
        for (int j = 0; j < t.columns().size(); j++) {
          s.setColumnWidth(j, 14 * 256);
        }
      }
      wb.write(out);
    }
  }

  static boolean isNumber(String v) {
    return v.matches("-?\\d+(\\.\\d+)?");
  }

  static void writeHtml(List<PublishedTable> tables, int year, DisclosureRules rules, Writer w)
      throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Monitor tables ")
        .append(year)
        .append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}\n")
        .append("table{border-collapse:collapse;margin:.5em 0 1em}\n")
        .append("th,td{border:1px solid #bbb;padding:.2em .6em}th{background:#eee}\n")
        .append("td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
        .append("caption{text-align:left;font-weight:bold;font-size:1.1em;padding:.3em 0}\n")
        .append("p.note{font-size:.9em;color:#444;margin:.2em 0}\n")
        .append("</style>\n</head>\n<body>\n<h1>Monitor tables ")
        .append(year)
        .append("</h1>\n<p>")
        .append(esc(SOURCE))
        .append("</p>\n<p><strong>Legend:</strong> ")
        .append(esc(legend(rules)))
        .append("</p>\n<nav><ul>\n");
    for (PublishedTable t : tables) {
      b.append("<li><a href=\"#")
          .append(t.name())
          .append("\">")
          .append(esc(t.id() + ". " + t.title()))
          .append("</a></li>\n");
    }
    b.append("</ul></nav>\n");
    for (PublishedTable t : tables) {
      b.append("<section id=\"").append(t.name()).append("\">\n<h2>");
      b.append(esc(t.id() + ". " + t.title())).append("</h2>\n");
      if (!t.description().isEmpty()) {
        b.append("<p>").append(esc(t.description())).append("</p>\n");
      }
      b.append("<table>\n<caption>")
          .append(esc(t.title() + ", " + year))
          .append("</caption>\n<thead><tr>");
      for (String c : t.columns()) {
        b.append("<th scope=\"col\">").append(esc(c)).append("</th>");
      }
      b.append("</tr></thead>\n<tbody>\n");
      for (List<String> r : t.rows()) {
        b.append("<tr>");
        for (int j = 0; j < r.size(); j++) {
          b.append(t.numeric().get(j) ? "<td class=\"n\">" : "<td>")
              .append(esc(r.get(j)))
              .append("</td>");
        }
        b.append("</tr>\n");
      }
      b.append("</tbody>\n</table>\n");
      for (String n : t.notes()) {
        b.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
      }
      b.append("</section>\n");
    }
    b.append("</body>\n</html>\n");
    w.write(b.toString());
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
