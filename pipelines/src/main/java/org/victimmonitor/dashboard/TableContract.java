package org.victimmonitor.dashboard;

import java.util.List;

/**
 * One monitor table of the CSV contract ({@code sql/monitor/README.md}) as the dashboard reads it:
 * its id ({@code m01}), file stem ({@code m01_registrations}), columns in order, and the columns
 * that hold counts or percentages (after disclosure control: a number, a label such as {@code <10}
 * or {@code x}, or empty).
 */
public record TableContract(
    String id, String file, List<String> columns, List<String> values, boolean optional) {

  public String fileName() {
    return file + ".csv";
  }
}
