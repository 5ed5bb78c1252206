package org.victimmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.load.Warehouse;

/** {@code monitor versions} and {@code monitor rollback} on a warehouse with two versions. */
class VersionsCommandTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = MonitorCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  void publish(Warehouse w, long read) throws Exception {
    try (Warehouse.Staging s = w.stage()) {
      Files.writeString(
          s.dir().resolve(Warehouse.RUN_JSON),
          "{\"load_year\": 2021, \"runner\": \"FlinkRunner\", \"counts\": {\"read\": "
              + read
              + ", \"loaded\": 10, \"quarantined\": 1, \"minimised\": 2, \"persons\": 5}}");
      org.victimmonitor.warehouse.HandMadeWarehouse.writeStar(s.dir().resolve("star"));
      s.publish(s.nextVersion());
    }
  }

  @Test
  void listsVersionsAndRollsBack() throws Exception {
    Warehouse w = new Warehouse(tmp);
    publish(w, 13);
    publish(w, 14);
    Run list = run("versions", "--warehouse", tmp.toString());
    assertThat(list.code()).isEqualTo(ExitCodes.OK);
    assertThat(list.out()).contains("  v0001", "* v0002", "FlinkRunner", "14");

    Run back = run("rollback", "--warehouse", tmp.toString(), "v0001");
    assertThat(back.code()).isEqualTo(ExitCodes.OK);
    assertThat(back.out()).contains("v0002 -> v0001");
    assertThat(w.current()).contains("v0001");

    Run unknown = run("rollback", "--warehouse", tmp.toString(), "v0007");
    assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknown.err()).contains("no complete version v0007");
    assertThat(w.current()).contains("v0001");
  }

  @Test
  void anEmptyWarehouseIsBadInput() {
    Run list = run("versions", "--warehouse", tmp.toString());
    assertThat(list.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(list.err()).contains("no versions");
  }
}
