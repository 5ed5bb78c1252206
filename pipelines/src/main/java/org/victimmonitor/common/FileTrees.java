package org.victimmonitor.common;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only folders, and deleting folder trees, also while another thread (an engine shutting
 * down) empties them.
 */
public final class FileTrees {
  /** Mode 0700, for folders that hold restricted data (tokens, quarantined rows, spills). */
  public static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private FileTrees() {}

  /**
   * Deletes the folder and everything in it; nothing happens when it does not exist. Files that
   * vanish meanwhile are fine; a folder that gets a new entry meanwhile is tried again, a few
   * times.
   */
  public static void deleteTree(Path dir) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        deleteOnce(dir);
        return;
      } catch (DirectoryNotEmptyException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static void deleteOnce(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
