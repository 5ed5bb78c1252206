package org.victimmonitor.generate;

/**
 * The registering organisations whose lists make up the monitor's registrations (role {@code
 * registration} in sources.json). A person on at least one list in a year is a registered presumed
 * victim of that year; the overlap between the lists drives the population estimate.
 */
public enum RegistrationList {
  POLICE("police", "trafficking_report"),
  KMAR("kmar", "trafficking_report"),
  INSPECTORATE("inspectorate", "trafficking_report"),
  CARE("care", "registration");

  private final String source;
  private final String dataset;

  RegistrationList(String source, String dataset) {
    this.source = source;
    this.dataset = dataset;
  }

  public String source() {
    return source;
  }

  public String dataset() {
    return dataset;
  }
}
