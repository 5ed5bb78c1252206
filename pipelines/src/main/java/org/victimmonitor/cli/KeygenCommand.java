package org.victimmonitor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.victimmonitor.pseudonymise.LinkageKey;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code monitor keygen}: makes a linkage key file (0600) or prints a key's fingerprint. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Make a new 256-bit linkage key, or print the fingerprint of an existing one.",
      "The key stays with the data providers; the office only ever sees its fingerprint."
    })
final class KeygenCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Mode mode;

  static final class Mode {
    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Write a new key to FILE (created with mode 0600; never overwritten).")
    Path out;

    @Option(
        names = "--fingerprint",
        paramLabel = "FILE",
        description = "Print the fingerprint of the key in FILE (safe to share).")
    Path fingerprint;
  }

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    if (mode.out != null) {
      LinkageKey key = LinkageKey.generate();
      key.writeNew(mode.out);
      out.println("wrote linkage key " + mode.out + " (mode 0600)");
      out.println("fingerprint " + key.fingerprint());
    } else {
      out.println(LinkageKey.read(mode.fingerprint).fingerprint());
    }
    return ExitCodes.OK;
  }
}
