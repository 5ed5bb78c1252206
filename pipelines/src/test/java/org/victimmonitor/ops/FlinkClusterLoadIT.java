package org.victimmonitor.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.generate.GeneratorConfig;
import org.victimmonitor.generate.ProgressListener;
import org.victimmonitor.generate.Scale;
import org.victimmonitor.generate.SyntheticDataGenerator;
import org.victimmonitor.generate.YearRange;
import org.victimmonitor.load.RunManifest;
import org.victimmonitor.load.SameTables;
import org.victimmonitor.load.Warehouse;
import org.victimmonitor.pseudonymise.ExtractFolder;
import org.victimmonitor.pseudonymise.LinkageKey;
import org.victimmonitor.pseudonymise.LinkageSchema;
import org.victimmonitor.pseudonymise.Pseudonymiser;

/**
 * The annual load on a real Flink 1.19 session cluster (ops/flink/start-session.sh), submitted by
 * {@code java -jar monitor-cli.jar load --runner FlinkRunner --flinkMaster 127.0.0.1:8081} with the
 * job jar: deliveries (generated, pseudonymised) up to 2017 with the demo's victims and a smaller
 * haystack of background police records ({@link #SCALE}), compared table by table through DuckDB
 * with an embedded-Flink load of the same deliveries. The failure drills run first: the TaskManager
 * is killed (SIGKILL) during a load; (1) a new TaskManager is started and the job recovers through
 * the cluster's restart strategy and publishes the same tables; (2) no TaskManager comes back, the
 * restarts find no slots and the job fails cleanly: exit code 5, CURRENT and every version
 * untouched, no staging left; the rerun succeeds and publishes the same tables as the recovered
 * load, so the recovery neither lost nor doubled a row. The drills test recovery, not linkage, so
 * they use the exact-key linker, which keeps this test within the suite's time; so does the
 * embedded reference load, which runs while the second drill's cluster waits for slots. The cluster
 * is stopped at the end with no process left. Runs after {@code package} (the CLI and job jars).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterLoadIT {
  static final int YEAR = 2017;

  /**
   * The demo's victims (registrations, support, police records of victims) with 20,000 background
   * police records instead of the demo's 92,000: about 20,000 records up to 2017. The test is about
   * the cluster (submission, the same tables, recovery); the demo-scale load on both runners is
   * MonitorTablesDemoIT's. The smaller haystack keeps the suite within its time on a slow machine.
   */
  static final Scale SCALE = new Scale("ops-it", Scale.DEMO.registeredFactor(), 20_000);

  static final String MASTER = "127.0.0.1:8081";
  static final Path TARGET = FlinkSession.ROOT.resolve("pipelines/target");
  static final Path CLI_JAR = TARGET.resolve("monitor-cli.jar");
  static final Path JOB_JAR = TARGET.resolve("monitor-job.jar");

  @TempDir static Path tmp;
  Path deliveries;
  Path embedded;
  Path cluster;
  Path clusterExact;
  FlinkSession session;
  Set<String> secrets;
  long delivered;
  final Set<String> killed = new HashSet<>();

  /** The embedded load the last test compares the cluster's with, started during a drill. */
  Load reference;

  @BeforeAll
  void generateDeliveriesAndStartTheCluster() throws Exception {
    assertThat(CLI_JAR).as("run after mvn package").isRegularFile();
    assertThat(JOB_JAR).as("run after mvn package").isRegularFile();
    new SyntheticDataGenerator(GeneratorConfig.of(SCALE, YearRange.parse("2014-2017"), 11))
        .generate(tmp.resolve("gen"), ProgressListener.NONE);
    deliveries = tmp.resolve("deliveries");
    delivered =
        ExtractFolder.pseudonymiseAll(
                tmp.resolve("gen/extracts"),
                deliveries,
                key(),
                LinkageSchema.builtIn("person-v1"),
                0.05)
            .stream()
            .mapToLong(Pseudonymiser.Summary::written)
            .sum();
    secrets = secrets(deliveries);
    embedded = tmp.resolve("wh-embedded");
    cluster = tmp.resolve("wh-cluster");
    // the drills' own warehouse: a load carries person keys over from the current version's
    // vault, so the drills' versions must all come from the same linker
    clusterExact = tmp.resolve("wh-cluster-exact");
    // ops/flink/conf with shorter waits: the drill in which no TaskManager comes back otherwise
    // spends minutes waiting for slots (same restart strategy, same number of attempts; the first
    // backoff stays 5 s, so that the load's progress, polled every 5 s, sees RESTARTING)
    session =
        new FlinkSession(
            tmp.resolve("flink-run"),
            FlinkSession.confWith(
                tmp.resolve("flink-conf"),
                Map.of(
                    "slot.request.timeout", "10000",
                    "restart-strategy.exponential-delay.max-backoff", "10 s")));
    FlinkSession.Result start = session.start();
    assertThat(start.code()).as(start.out()).isZero();
  }

  @AfterAll
  void stopTheClusterLeavingNoProcess() throws Exception {
    if (reference != null && reference.process.isAlive()) {
      reference.process.destroyForcibly().waitFor();
    }
    if (session == null || !Files.exists(session.run.resolve("jobmanager.pid"))) {
      return;
    }
    long jm = session.pid("jobmanager");
    long tm =
        Files.exists(session.run.resolve("taskmanager.pid")) ? session.pid("taskmanager") : -1;
    FlinkSession.Result stop = session.script("stop-session.sh");
    assertThat(stop.code()).as(stop.out()).isZero();
    assertThat(FlinkSession.alive(jm)).isFalse();
    assertThat(tm < 0 || !FlinkSession.alive(tm)).isTrue();
    assertThat(FlinkSession.get("/overview")).isNull();
  }

  static LinkageKey key() {
    byte[] k = new byte[32];
    for (int i = 0; i < 32; i++) {
      k[i] = (byte) (5 * i + 9);
    }
    return LinkageKey.of(k);
  }

  @Test
  @Order(3)
  void aLoadOnTheSessionClusterPublishesTheSameTablesAsTheEmbeddedFlink() throws Exception {
    Load local = (reference != null ? reference : load(embedded, "[local]")).finish();
    assertThat(local.code()).as(local.output()).isZero();
    Load remote = load(cluster, MASTER).finish();
    assertThat(remote.code()).as(remote.output()).isZero();

    // run.json names the Flink job (the embedded one too) and the job jar that was staged
    JsonNode localRun = runJson(embedded, "v0001");
    assertThat(localRun.at("/flink/master").asText()).isEqualTo("[local]");
    assertThat(localRun.at("/flink/job_id").asText()).matches("[0-9a-f]{32}");
    JsonNode run = runJson(cluster, "v0001");
    String jobId = run.at("/flink/job_id").asText();
    assertThat(jobId).matches("[0-9a-f]{32}").isNotEqualTo(localRun.at("/flink/job_id").asText());
    assertThat(run.at("/flink/master").asText()).isEqualTo(MASTER);
    assertThat(run.at("/flink/files_staged/0/file").asText()).isEqualTo("monitor-job.jar");
    assertThat(run.at("/flink/files_staged/0/sha256").asText()).isEqualTo(sha256(JOB_JAR));
    assertThat(run.at("/counts")).isEqualTo(localRun.at("/counts"));
    // every delivered row was read (all deliveries are of 2017 or before)
    assertThat(run.at("/counts/read").asLong()).isEqualTo(delivered).isGreaterThan(20_000);

    // the cluster ran it, and the console showed its progress in a few lines
    JsonNode job = FlinkSession.json("/jobs/" + jobId);
    assertThat(job.path("state").asText()).isEqualTo("FINISHED");
    assertThat(job.path("name").asText()).isEqualTo("monitor-load-" + YEAR);
    assertThat(remote.out())
        .contains("flink     submitting job " + jobId + " with monitor-job.jar")
        .contains("flink     RUNNING · operators ")
        .contains("flink     FINISHED · job " + jobId)
        .contains("publish   CURRENT = v0001");
    assertThat(remote.out().lines().count()).isLessThan(40);

    SameTables.assertSameTables(version(embedded, "v0001"), version(cluster, "v0001"));
    assertNoSecretIn(local);
    assertNoSecretIn(remote);
  }

  @Test
  @Order(1)
  void whenTheKilledTaskManagerComesBackTheJobRecoversAndPublishesTheSameTables() throws Exception {
    // The drills test recovery, not linkage: they use the faster exact-key linker. The next test's
    // rerun, on a cluster that does not fail, is the reference for the tables.
    Load load = load(clusterExact, MASTER, DRILL_LINKER);
    String jobId = killTaskManagerWhileRunning(load);
    restartTaskManager();

    load.finish();
    assertThat(load.code()).as(load.output() + clusterLogTail()).isZero();
    assertThat(load.out()).contains("RESTARTING", "FINISHED · job " + jobId + " after ");
    JsonNode run = runJson(clusterExact, "v0001");
    assertThat(run.at("/flink/job_id").asText()).isEqualTo(jobId);
    assertThat(run.at("/flink/restarts_seen").asInt()).isPositive();
    assertThat(FlinkSession.json("/jobs/" + jobId + "/exceptions").at("/exceptionHistory/entries"))
        .as("the failures Flink recovered from")
        .isNotEmpty();
    assertThat(new Warehouse(clusterExact).current()).contains("v0001");
    assertThat(run.at("/counts/read").asLong()).isEqualTo(delivered);
    assertNoSecretIn(load);
  }

  @Test
  @Order(2)
  void whenNoTaskManagerComesBackTheLoadFailsCleanlyAndTheRerunSucceeds() throws Exception {
    Warehouse w = new Warehouse(clusterExact);
    String current = w.current().orElseThrow();
    List<String> versions = w.versions();
    Map<String, String> published = checksums(w.version(current));

    // the cluster's restart strategy tries 3 times, each waiting slot.request.timeout for slots
    Load load = load(clusterExact, MASTER, DRILL_LINKER);
    String jobId = killTaskManagerWhileRunning(load);
    // while the cluster waits for slots (about a minute of idle cores), the last test's
    // reference load runs on embedded Flink
    reference = load(embedded, "[local]");
    load.finish();
    assertThat(load.code()).as(load.output()).isEqualTo(5);
    assertThat(load.err())
        .contains("the load job failed on the Flink cluster " + MASTER + " (job " + jobId)
        .contains("org.apache.flink.runtime.JobException")
        .contains("NoResourceAvailableException")
        .contains("Nothing was published; CURRENT is unchanged");
    assertThat(load.out()).contains("RESTARTING");
    assertThat(awaitState(jobId, "FAILED")).isEqualTo("FAILED");
    assertNoSecretIn(load);

    assertThat(w.current()).contains(current);
    assertThat(w.versions()).isEqualTo(versions);
    assertThat(checksums(w.version(current))).isEqualTo(published);
    try (Stream<Path> s = Files.list(clusterExact.resolve(Warehouse.VERSIONS))) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
    }
    restartTaskManager();
    // the rerun publishes the same tables as the load that recovered (v0001)
    Load rerun = load(clusterExact, MASTER, DRILL_LINKER).finish();
    assertThat(rerun.code()).as(rerun.output()).isZero();
    String next = w.current().orElseThrow();
    assertThat(next).isNotEqualTo(current);
    assertThat(runJson(clusterExact, next).at("/flink/restarts_seen").asInt()).isZero();
    SameTables.assertSameTables(version(clusterExact, "v0001"), version(clusterExact, next));
  }

  /** Starts a TaskManager beside the running JobManager and waits until it offers its slots. */
  void restartTaskManager() throws Exception {
    FlinkSession.Result restart = session.script("start-session.sh");
    assertThat(restart.code()).as(restart.out()).isZero();
    assertThat(restart.out()).contains("started a new TaskManager");
    long tm = session.pid("taskmanager");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      assertThat(FlinkSession.alive(tm)).as("the new TaskManager runs" + clusterLogTail()).isTrue();
      String id = null;
      for (JsonNode t : FlinkSession.json("/taskmanagers").path("taskmanagers")) {
        if (t.path("slotsNumber").asInt() > 0) {
          id = t.path("id").asText();
        }
      }
      if (id != null && !killed.contains(id)) {
        return;
      }
      assertThat(System.nanoTime())
          .as("the new TaskManager registered" + clusterLogTail())
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  /** The job's state once the REST API (which caches job details for a few seconds) shows it. */
  static String awaitState(String jobId, String expected) throws Exception {
    String state = "";
    for (int i = 0; i < 40 && !state.equals(expected); i++) {
      state = FlinkSession.json("/jobs/" + jobId).path("state").asText();
      Thread.sleep(500);
    }
    return state;
  }

  /** The last lines of the cluster's logs and outputs, for a failure message. */
  String clusterLogTail() {
    StringBuilder b = new StringBuilder();
    for (String f : List.of("taskmanager.out", "taskmanager.log", "jobmanager.log")) {
      try {
        List<String> lines = Files.readAllLines(session.run.resolve("log").resolve(f));
        b.append("\n--- ").append(f).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 15), lines.size())
            .forEach(l -> b.append(l).append('\n'));
      } catch (IOException e) {
        b.append("\n--- ").append(f).append(": ").append(e);
      }
    }
    return b.toString();
  }

  /**
   * Waits until the load's job runs tasks on the cluster, kills the TaskManager, returns the id.
   */
  String killTaskManagerWhileRunning(Load load) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    String jobId = null;
    while (jobId == null) {
      assertThat(load.process.isAlive()).as(load.outputSoFar()).isTrue();
      assertThat(System.nanoTime()).as("the job started running tasks").isLessThan(deadline);
      for (JsonNode j : FlinkSession.json("/jobs/overview").path("jobs")) {
        if (j.path("state").asText().equals("RUNNING")
            && j.at("/tasks/running").asInt() > 0
            && j.at("/tasks/finished").asInt() > 0) {
          jobId = j.path("jid").asText();
        }
      }
      Thread.sleep(200);
    }
    for (JsonNode t : FlinkSession.json("/taskmanagers").path("taskmanagers")) {
      killed.add(t.path("id").asText());
    }
    long tm = session.pid("taskmanager");
    ProcessHandle.of(tm).ifPresent(ProcessHandle::destroyForcibly);
    while (FlinkSession.alive(tm)) {
      Thread.sleep(100);
    }
    assertThat(FlinkSession.json("/jobs/" + jobId).path("state").asText())
        .as("killed mid-run")
        .isIn("RUNNING", "FAILING", "RESTARTING", "FAILED");
    return jobId;
  }

  static final String[] DRILL_LINKER = {"--linker", "exact"};

  /** A {@code monitor load} in its own JVM from the CLI jar, as ops run it. */
  Load load(Path warehouse, String master, String... extra) throws IOException {
    Path log = Files.createTempFile(tmp, "load", ".out");
    Path err = Files.createTempFile(tmp, "load", ".err");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-jar",
                CLI_JAR.toString(),
                "load",
                "--deliveries",
                deliveries.toString(),
                "--warehouse",
                warehouse.toString(),
                "--year",
                Integer.toString(YEAR),
                "--runner",
                "FlinkRunner",
                "--flinkMaster",
                master,
                "--parallelism",
                "2"));
    command.addAll(List.of(extra));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(log.toFile()).redirectError(err.toFile());
    pb.environment().remove("FLINK_CONF_DIR");
    pb.environment().remove("MONITOR_JOB_JAR");
    return new Load(pb.start(), log, err);
  }

  static final class Load {
    final Process process;
    final Path outFile;
    final Path errFile;

    Load(Process process, Path outFile, Path errFile) {
      this.process = process;
      this.outFile = outFile;
      this.errFile = errFile;
    }

    Load finish() throws InterruptedException {
      if (!process.waitFor(8, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("the load did not end within 8 minutes:\n" + outputSoFar());
      }
      return this;
    }

    int code() {
      return process.exitValue();
    }

    String out() throws IOException {
      return Files.readString(outFile, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
      return Files.readString(errFile, StandardCharsets.UTF_8);
    }

    String output() throws IOException {
      return out() + err();
    }

    String outputSoFar() {
      try {
        return output();
      } catch (IOException e) {
        return e.toString();
      }
    }
  }

  static Path version(Path warehouse, String v) {
    return warehouse.resolve(Warehouse.VERSIONS).resolve(v);
  }

  static JsonNode runJson(Path warehouse, String v) throws IOException {
    return RunManifest.read(version(warehouse, v).resolve(Warehouse.RUN_JSON));
  }

  /** Record ids and tokens of the deliveries: none may reach the console. */
  static Set<String> secrets(Path deliveries) throws IOException {
    Set<String> out = new HashSet<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(deliveries)) {
      files = s.filter(p -> p.getFileName().toString().equals("records.csv")).sorted().toList();
    }
    for (Path f : files) {
      try (CSVParser p =
          CSVParser.parse(
              f,
              StandardCharsets.UTF_8,
              CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
        int n = 0;
        for (CSVRecord r : p) {
          for (String col : p.getHeaderNames()) {
            String v = r.get(col);
            if ((col.equals("record_id") || col.startsWith("mk_") || col.startsWith("bf_"))
                && v.length() >= 8) {
              out.add(v);
            }
          }
          if (++n == 200) {
            break;
          }
        }
      }
    }
    assertThat(out).hasSizeGreaterThan(1_000);
    return out;
  }

  void assertNoSecretIn(Load load) throws IOException {
    String all = load.output();
    for (String s : secrets) {
      assertThat(all.contains(s)).as("the console quotes a record id or token").isFalse();
    }
  }

  static Map<String, String> checksums(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), sha256(p));
      }
    }
    return out;
  }

  static String sha256(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
