package org.victimmonitor.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The ops/flink scripts run against a run folder of the test's own (test helper). Only one Flink
 * session can listen on 127.0.0.1:8081 at a time: {@link #start} waits until nothing answers there
 * (another checkout's tests may be running one) instead of touching processes it did not start.
 */
final class FlinkSession {
  static final Path ROOT =
      Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  static final Path OPS = ROOT.resolve("ops/flink");
  static final String REST = "http://127.0.0.1:8081";
  static final Duration WAIT_FOR_PORT = Duration.ofMinutes(15);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path run;
  final Path conf;

  FlinkSession(Path run) {
    this(run, null);
  }

  /** A session with another configuration folder ({@code FLINK_SESSION_CONF}), or null. */
  FlinkSession(Path run, Path conf) {
    this.run = run;
    this.conf = conf;
  }

  /**
   * A copy of ops/flink/conf in {@code dir} with some settings replaced (each {@code key: value}
   * line whose key is given).
   */
  static Path confWith(Path dir, java.util.Map<String, String> settings) throws IOException {
    Files.createDirectories(dir);
    Files.copy(OPS.resolve("conf/log4j.properties"), dir.resolve("log4j.properties"));
    StringBuilder b = new StringBuilder();
    for (String line : Files.readAllLines(OPS.resolve("conf/flink-conf.yaml"))) {
      int colon = line.indexOf(':');
      String key = colon > 0 && !line.startsWith("#") ? line.substring(0, colon).trim() : "";
      b.append(settings.containsKey(key) ? key + ": " + settings.get(key) : line).append('\n');
    }
    Files.writeString(dir.resolve("flink-conf.yaml"), b.toString());
    return dir;
  }

  record Result(int code, String out) {}

  Result script(String name) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder("bash", OPS.resolve(name).toString()).redirectErrorStream(true);
    pb.environment().put("FLINK_RUN_DIR", run.toString());
    if (conf != null) {
      pb.environment().put("FLINK_SESSION_CONF", conf.toString());
    } else {
      pb.environment().remove("FLINK_SESSION_CONF");
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(name + " finished").isTrue();
    return new Result(p.exitValue(), out);
  }

  /** Starts the session cluster once port 8081 is free. */
  Result start() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + WAIT_FOR_PORT.toNanos();
    while (true) {
      awaitFreePort(deadline);
      Result r = script("start-session.sh");
      if (r.code() != 2 || System.nanoTime() > deadline) {
        return r; // 2: another cluster took the port in between
      }
    }
  }

  static void awaitFreePort(long deadline) throws InterruptedException {
    while (get("/overview") != null) {
      assertThat(System.nanoTime())
          .as("another Flink cluster kept answering on " + REST)
          .isLessThan(deadline);
      Thread.sleep(5_000);
    }
  }

  long pid(String role) throws IOException {
    return Long.parseLong(Files.readString(run.resolve(role + ".pid")).strip());
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** GET on the REST API: the body, or null when nothing answers or the status is not 200. */
  static String get(String path) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(REST + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static JsonNode json(String path) throws IOException {
    String body = get(path);
    assertThat(body).as(path).isNotNull();
    return JSON.readTree(body);
  }
}
