package org.victimmonitor.load;

/**
 * Names of the load's Beam counters. Per-delivery counters carry the delivery id, so that run.json
 * can reconcile every delivery: read = loaded + quarantined + minimised.
 */
public final class LoadCounters {
  public static final String NAMESPACE = "load";

  private LoadCounters() {}

  public static String read(String delivery) {
    return "read|" + delivery;
  }

  public static String quarantined(String delivery, String reason) {
    return "quarantined|" + delivery + "|" + reason;
  }

  public static String minimised(String delivery) {
    return "minimised|" + delivery;
  }

  public static String loaded(String delivery) {
    return "loaded|" + delivery;
  }

  public static String rows(String table) {
    return "rows|" + table;
  }

  public static final String LINK_CHANGED_LAST_ROUND = "link|changed_in_last_round";
  public static final String PERSONS = "persons";
}
