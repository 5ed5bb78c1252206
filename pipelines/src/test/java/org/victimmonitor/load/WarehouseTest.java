package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.common.BadInputException;

/** Publishing, retention, rollback and the behaviour of failed or interrupted loads. */
class WarehouseTest {
  @TempDir Path tmp;

  /** Stages and publishes a version holding one marker file. */
  static String publish(Warehouse w, String marker) throws IOException {
    try (Warehouse.Staging s = w.stage()) {
      Files.writeString(s.dir().resolve("star/marker.txt"), marker);
      Files.writeString(s.dir().resolve(Warehouse.RUN_JSON), "{}");
      String v = s.nextVersion();
      s.publish(v);
      return v;
    }
  }

  @Test
  void publishingSwitchesCurrentAndKeepsEarlierVersions() throws IOException {
    Warehouse w = new Warehouse(tmp);
    assertThat(w.current()).isEmpty();
    assertThat(publish(w, "one")).isEqualTo("v0001");
    assertThat(publish(w, "two")).isEqualTo("v0002");
    assertThat(w.current()).contains("v0002");
    assertThat(w.versions()).containsExactly("v0001", "v0002");
    assertThat(Files.readString(w.version("v0001").resolve("star/marker.txt"))).isEqualTo("one");
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .as("no temporary CURRENT left behind")
          .containsExactlyInAnyOrder("CURRENT", "versions", ".lock");
    }
  }

  @Test
  void restrictedIsOwnerOnly() throws IOException {
    Warehouse w = new Warehouse(tmp);
    publish(w, "one");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(w.version("v0001").resolve("restricted"))))
        .isEqualTo("rwx------");
  }

  @Test
  void aFailedLoadLeavesCurrentAndTheVersionsUntouched() throws IOException {
    Warehouse w = new Warehouse(tmp);
    publish(w, "one");
    assertThatThrownBy(
            () -> {
              try (Warehouse.Staging s = w.stage()) {
                Files.writeString(s.dir().resolve("star/marker.txt"), "half");
                throw new IllegalStateException("pipeline failed");
              }
            })
        .hasMessage("pipeline failed");
    assertThat(w.current()).contains("v0001");
    assertThat(w.versions()).containsExactly("v0001");
    try (var s = Files.list(w.root().resolve(Warehouse.VERSIONS))) {
      assertThat(s).hasSize(1);
    }
  }

  @Test
  void aKilledLoadsStagingIsClearedByTheNextLoad() throws IOException {
    Warehouse w = new Warehouse(tmp);
    publish(w, "one");
    // what a SIGKILLed load leaves: a staging folder, half written, and no lock held
    Path stale = w.root().resolve("versions/.staging-killed/star");
    Files.createDirectories(stale);
    Files.writeString(stale.resolve("part.parquet"), "half");
    assertThat(w.versions()).containsExactly("v0001");
    assertThat(publish(w, "two")).isEqualTo("v0002");
    assertThat(w.root().resolve("versions/.staging-killed")).doesNotExist();
  }

  @Test
  void theEnginesScratchIsOwnerOnlyOutsideTheVersionAndGoneAfterTheLoad() throws IOException {
    Warehouse w = new Warehouse(tmp);
    Path scratch;
    try (Warehouse.Staging s = w.stage()) {
      scratch = s.scratch();
      assertThat(scratch.getParent()).isEqualTo(w.root().resolve(Warehouse.VERSIONS));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(scratch)))
          .isEqualTo("rwx------");
      Files.createDirectories(scratch.resolve("flink-io-1"));
      Files.writeString(scratch.resolve("flink-io-1/spill.channel"), "tokens");
      Files.writeString(s.dir().resolve(Warehouse.RUN_JSON), "{}");
      s.publish(s.nextVersion());
    }
    assertThat(scratch).doesNotExist();
    try (var s = Files.list(w.root().resolve(Warehouse.VERSIONS))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("v0001");
    }
    // a killed load's scratch is cleared by the next load, like its staging folder
    Path stale = w.root().resolve("versions/.staging-killed.scratch/flink-io-2");
    Files.createDirectories(stale);
    publish(w, "two");
    assertThat(stale.getParent()).doesNotExist();
  }

  @Test
  void oneLoadAtATime() throws IOException {
    Warehouse w = new Warehouse(tmp);
    try (Warehouse.Staging s = w.stage()) {
      assertThatThrownBy(w::stage)
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("another load is running");
    }
  }

  @Test
  void rollbackSwitchesBackAndRefusesUnknownVersions() throws IOException {
    Warehouse w = new Warehouse(tmp);
    publish(w, "one");
    publish(w, "two");
    w.switchTo("v0001");
    assertThat(w.current()).contains("v0001");
    assertThatThrownBy(() -> w.switchTo("v0009"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("no complete version v0009");
    assertThat(w.current()).contains("v0001");
  }

  @Test
  void retentionDeletesTheOldestButNeverCurrent() throws IOException {
    Warehouse w = new Warehouse(tmp);
    for (int i = 0; i < 4; i++) {
      publish(w, "v" + i);
    }
    w.switchTo("v0001");
    assertThat(w.applyRetention(2)).containsExactly("v0002");
    assertThat(w.versions()).containsExactly("v0001", "v0003", "v0004");
  }
}
