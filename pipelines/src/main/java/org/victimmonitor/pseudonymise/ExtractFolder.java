package org.victimmonitor.pseudonymise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.victimmonitor.common.BadInputException;

/**
 * A folder of raw extracts laid out as {@code <source>/<dataset>/<period>.csv} (what {@code monitor
 * generate} writes): pseudonymises every extract into a deliveries root, as each provider would do
 * for its own.
 */
public final class ExtractFolder {
  private ExtractFolder() {}

  /** One extract file and the delivery coordinates taken from its path. */
  public record Extract(String source, String dataset, String period, Path file) {}

  public static List<Extract> list(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new BadInputException(root + ": extracts folder not found");
    }
    List<Extract> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root, 3)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
        Path rel = root.relativize(p);
        String name = p.getFileName().toString();
        if (rel.getNameCount() != 3 || name.endsWith(".rejects.csv")) {
          continue;
        }
        out.add(
            new Extract(
                rel.getName(0).toString(),
                rel.getName(1).toString(),
                name.substring(0, name.length() - 4),
                p));
      }
    }
    return out;
  }

  /** Pseudonymises every extract; stops at the first one that fails. */
  public static List<Pseudonymiser.Summary> pseudonymiseAll(
      Path extracts, Path deliveries, LinkageKey key, LinkageSchema schema, double maxRejectShare)
      throws IOException {
    List<Pseudonymiser.Summary> out = new ArrayList<>();
    for (Extract e : list(extracts)) {
      Pseudonymiser.Summary s =
          Pseudonymiser.run(
              new Pseudonymiser.Request(
                  key,
                  schema,
                  e.source(),
                  e.dataset(),
                  e.period(),
                  e.file(),
                  deliveries,
                  maxRejectShare,
                  null));
      out.add(s);
      if (!s.deliveryWritten()) {
        throw new BadInputException(
            e.file()
                + ": "
                + s.rejected()
                + " of "
                + s.rows()
                + " rows rejected; no delivery written");
      }
    }
    return out;
  }
}
