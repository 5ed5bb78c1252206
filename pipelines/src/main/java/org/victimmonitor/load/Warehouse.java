package org.victimmonitor.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.common.FileTrees;

/**
 * A versioned warehouse folder (ARCHITECTURE.md §4.4): {@code versions/<id>/} and the file {@code
 * CURRENT} naming the published one. A load writes into a staging folder under {@code versions/},
 * renames it to the next version id and only then replaces {@code CURRENT} (temp file + atomic
 * rename), so a failed or killed load never changes what is published. One load at a time: a lock
 * file is held while staging; stale staging folders of killed loads are removed by the next one.
 */
public final class Warehouse {
  public static final String CURRENT = "CURRENT";
  public static final String VERSIONS = "versions";
  public static final String RUN_JSON = "run.json";
  private static final String STAGING_PREFIX = ".staging-";

  private final Path root;

  public Warehouse(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path version(String id) {
    return root.resolve(VERSIONS).resolve(id);
  }

  /** The published version, if any. */
  public Optional<String> current() {
    Path c = root.resolve(CURRENT);
    try {
      return Files.isRegularFile(c) ? Optional.of(Files.readString(c).strip()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Complete versions (with a run.json), oldest first. */
  public List<String> versions() throws IOException {
    Path v = root.resolve(VERSIONS);
    if (!Files.isDirectory(v)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(v)) {
      return s.filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> Files.isRegularFile(p.resolve(RUN_JSON)))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  /** Starts a load: takes the lock, clears stale staging folders, makes a fresh one. */
  public Staging stage() throws IOException {
    Files.createDirectories(root.resolve(VERSIONS));
    FileChannel ch =
        FileChannel.open(
            root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null; // held by another load in this JVM
    }
    if (lock == null) {
      ch.close();
      throw new BadInputException(root + ": another load is running on this warehouse");
    }
    try (Stream<Path> s = Files.list(root.resolve(VERSIONS))) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(STAGING_PREFIX)).toList()) {
        FileTrees.deleteTree(p);
      }
    }
    String id = STAGING_PREFIX + UUID.randomUUID();
    Path dir = root.resolve(VERSIONS).resolve(id);
    Files.createDirectories(dir.resolve("star"));
    Files.createDirectory(dir.resolve("restricted"), FileTrees.OWNER_ONLY);
    Path scratch =
        Files.createDirectory(root.resolve(VERSIONS).resolve(id + SCRATCH), FileTrees.OWNER_ONLY);
    return new Staging(dir, scratch, ch);
  }

  /** Suffix of a staging folder's scratch sibling (the embedded engine's temporary files). */
  private static final String SCRATCH = ".scratch";

  /** A load's staging folder; closing it unpublished deletes it and releases the lock. */
  public final class Staging implements AutoCloseable {
    private final Path dir;
    private final Path scratch;
    private final FileChannel lock;
    private boolean published;

    private Staging(Path dir, Path scratch, FileChannel lock) {
      this.dir = dir;
      this.scratch = scratch;
      this.lock = lock;
    }

    public Path dir() {
      return dir;
    }

    /**
     * Owner-only folder beside the staging folder for the embedded engine's temporary files (sort
     * spills hold record tokens): never published, deleted on close, and cleared with the other
     * staging leftovers by the next load when a killed load left it.
     */
    public Path scratch() {
      return scratch;
    }

    /** The id the next published version will get: v0001, v0002, … */
    public String nextVersion() throws IOException {
      int max = 0;
      try (Stream<Path> s = Files.list(root.resolve(VERSIONS))) {
        for (Path p : s.toList()) {
          String n = p.getFileName().toString();
          if (n.matches("v\\d{4,}")) {
            max = Math.max(max, Integer.parseInt(n.substring(1)));
          }
        }
      }
      return String.format("v%04d", max + 1);
    }

    /** Renames the staging folder to {@code version} and switches CURRENT to it. */
    public void publish(String version) throws IOException {
      Files.move(dir, version(version), StandardCopyOption.ATOMIC_MOVE);
      published = true;
      switchTo(version);
    }

    @Override
    public void close() throws IOException {
      try {
        if (!published && Files.exists(dir)) {
          FileTrees.deleteTree(dir);
        }
        FileTrees.deleteTree(scratch);
      } finally {
        lock.close();
      }
    }
  }

  /** Points CURRENT at a complete version, atomically. */
  public void switchTo(String version) throws IOException {
    if (!Files.isRegularFile(version(version).resolve(RUN_JSON))) {
      throw new BadInputException(
          root + ": no complete version " + version + " (see monitor versions)");
    }
    Path tmp = root.resolve(CURRENT + ".tmp-" + UUID.randomUUID());
    Files.writeString(tmp, version + "\n");
    try {
      Files.move(
          tmp,
          root.resolve(CURRENT),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Deletes the oldest versions beyond {@code keep}, never the current one; returns them. */
  public List<String> applyRetention(int keep) throws IOException {
    List<String> all = new ArrayList<>(versions());
    String cur = current().orElse("");
    List<String> deleted = new ArrayList<>();
    for (int i = 0; i < all.size() - keep; i++) {
      if (!all.get(i).equals(cur)) {
        FileTrees.deleteTree(version(all.get(i)));
        deleted.add(all.get(i));
      }
    }
    return deleted;
  }
}
