package org.victimmonitor.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs ops/flink/start-session.sh, status.sh and stop-session.sh against a real Flink 1.19
 * standalone session cluster on 127.0.0.1: the REST API answers with one TaskManager, a second
 * start is a no-op, and stop leaves no cluster process behind.
 */
class FlinkSessionScriptsIT {
  static final Path OPS =
      Path.of(System.getProperty("project.root", ".."))
          .resolve("ops/flink")
          .toAbsolutePath()
          .normalize();

  @TempDir Path run;

  record Result(int code, String out) {}

  Result script(String name, String... args) throws IOException, InterruptedException {
    java.util.List<String> cmd = new java.util.ArrayList<>();
    cmd.add("bash");
    cmd.add(OPS.resolve(name).toString());
    cmd.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("FLINK_RUN_DIR", run.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  @AfterEach
  void stop() throws Exception {
    script("stop-session.sh");
  }

  @Test
  void helpPrintsWhatAScriptDoesAndStartsNothing() throws Exception {
    Result help = script("start-session.sh", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .startsWith("Starts a Flink 1.19 standalone session cluster")
        .doesNotContain("flink:");
    Result unknown = script("status.sh", "--verbose");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.out()).contains("unknown argument '--verbose'; see status.sh --help");
    assertThat(script("stop-session.sh", "--quiet").code()).isZero();
    assertThat(run.resolve("jobmanager.pid")).doesNotExist();
    ProcessBuilder pb =
        new ProcessBuilder("bash", OPS.resolve("../annual-load.sh").toString(), "--help")
            .redirectErrorStream(true);
    pb.environment().remove("MONITOR_DELIVERIES");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).startsWith("The annual load as ops schedule it").contains("MONITOR_WAREHOUSE");
  }

  @Test
  void clusterStartsAnswersOnLoopbackAndStopsWithoutLeftovers() throws Exception {
    // one session at a time on 127.0.0.1:8081: wait for another checkout's tests to finish
    FlinkSession.awaitFreePort(System.nanoTime() + FlinkSession.WAIT_FOR_PORT.toNanos());
    Result start = script("start-session.sh");
    assertThat(start.code()).as(start.out()).isZero();
    // the cluster's logs can quote job data
    for (Path d : new Path[] {run, run.resolve("log")}) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  java.nio.file.Files.getPosixFilePermissions(d)))
          .as(d.toString())
          .isEqualTo("rwx------");
    }
    String overview =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/overview"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(overview)
        .contains("\"taskmanagers\":1", "\"slots-total\":2", "\"flink-version\":\"1.19.0\"");
    // the folder for uploaded job jars is the run's, not /tmp/flink-web-upload
    try (java.util.stream.Stream<Path> web = Files.walk(run.resolve("work/web"), 2)) {
      assertThat(web.map(p -> p.getFileName().toString())).contains("flink-web-upload");
    }
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(run.resolve("work/web"))))
        .isEqualTo("rwx------");
    long jm = Long.parseLong(Files.readString(run.resolve("jobmanager.pid")).strip());
    long tm = Long.parseLong(Files.readString(run.resolve("taskmanager.pid")).strip());

    Result again = script("start-session.sh");
    assertThat(again.out()).contains("already running");
    // a second checkout (another run folder) must not join or disturb this cluster
    FlinkSession other = new FlinkSession(run.resolve("other"));
    FlinkSession.Result busy = other.script("start-session.sh");
    assertThat(busy.code()).as(busy.out()).isEqualTo(2);
    assertThat(busy.out()).contains("something else answers on http://127.0.0.1:8081");
    assertThat(other.run.resolve("jobmanager.pid")).doesNotExist();
    assertThat(script("status.sh").code()).isZero();

    Result stop = script("stop-session.sh");
    assertThat(stop.out()).contains("session cluster stopped");
    assertThat(ProcessHandle.of(jm).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(ProcessHandle.of(tm).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(script("status.sh").code()).isEqualTo(1);
    assertThat(script("stop-session.sh").out()).contains("no session cluster running");
  }
}
