package org.victimmonitor.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (falls back to "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = MonitorCli.class.getPackage().getImplementationVersion();
    return new String[] {"monitor " + (v == null ? "dev" : v)};
  }
}
