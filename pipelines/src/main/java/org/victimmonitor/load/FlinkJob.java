package org.victimmonitor.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.victimmonitor.common.ConsoleProgress;
import org.victimmonitor.common.FileTrees;
import org.victimmonitor.common.JobFailedException;

/**
 * What the load adds around Beam's FlinkRunner (ARCHITECTURE.md §5, docs/operations.md):
 *
 * <ul>
 *   <li>a Flink job id chosen before submission (Flink's {@code $internal.pipeline.job-id}, passed
 *       through a private Flink configuration folder), so that the console and {@code run.json}
 *       name the job on the cluster or in the embedded engine;
 *   <li>on a cluster ({@code --flinkMaster=HOST:PORT}): a check that the REST API answers before
 *       anything is submitted, and the job's progress read from the REST API every few seconds
 *       (state and operator counts only: nothing of the data).
 * </ul>
 *
 * Beam itself uploads {@code --filesToStage} (the job jar) to the cluster and waits for the job.
 */
public final class FlinkJob implements AutoCloseable {
  static final Set<String> EMBEDDED = Set.of("[local]", "[auto]", "[collection]");
  static final String FIXED_JOB_ID = "$internal.pipeline.job-id";
  static final String TMP_DIRS = "io.tmp.dirs";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FlinkPipelineOptions options;
  private final String jobId;
  private final Path confDir;
  private final HttpClient http;
  private Thread watcher;
  private volatile boolean watching;
  private volatile String lastState = "";
  private volatile int restarts;
  private volatile String printed = "";
  private volatile boolean submitted;

  private FlinkJob(FlinkPipelineOptions options, String jobId, Path confDir) {
    this.options = options;
    this.jobId = jobId;
    this.confDir = confDir;
    this.http =
        remote() ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build() : null;
  }

  /**
   * For a FlinkRunner job: fixes the job id and, on a cluster, checks that it answers.
   *
   * @param scratch an owner-only folder for the embedded engine's temporary files ({@code
   *     io.tmp.dirs}: sort spills, which hold record tokens, and its working folders), so that
   *     nothing of the data is written to the shared temporary folder and a killed run's leftovers
   *     stay where the next run clears them; not used on a cluster, nor when the user's Flink
   *     configuration sets {@code io.tmp.dirs}
   */
  public static FlinkJob prepare(PipelineOptions options, String jobName, Path scratch)
      throws IOException {
    if (!FlinkRunner.class.equals(options.getRunner())) {
      return null;
    }
    FlinkPipelineOptions f = options.as(FlinkPipelineOptions.class);
    byte[] id = new byte[16];
    new SecureRandom().nextBytes(id);
    String jobId = HexFormat.of().formatHex(id);
    Path engineTmp = EMBEDDED.contains(f.getFlinkMaster()) ? scratch : null;
    Path conf =
        engineTmp != null
            ? Files.createTempDirectory(engineTmp, "conf")
            : Files.createTempDirectory("monitor-flink-conf");
    writeConf(f.getFlinkConfDir(), conf, jobId, engineTmp);
    f.setFlinkConfDir(conf.toString());
    f.setJobName(jobName);
    FlinkJob job = new FlinkJob(f, jobId, conf);
    if (job.remote()) {
      job.checkReachable();
    }
    return job;
  }

  /**
   * Copies the user's Flink configuration (if any) and adds the fixed job id and, unless the user
   * chose one, the scratch folder.
   */
  private static void writeConf(String userDir, Path conf, String jobId, Path scratch)
      throws IOException {
    String dir = userDir != null ? userDir : System.getenv("FLINK_CONF_DIR");
    String file = "flink-conf.yaml";
    String text = "";
    if (dir != null) {
      for (String name : List.of("config.yaml", "flink-conf.yaml")) {
        Path p = Path.of(dir, name);
        if (Files.isRegularFile(p)) {
          file = name;
          text = Files.readString(p, StandardCharsets.UTF_8);
          break;
        }
      }
    }
    if (!text.isEmpty() && !text.endsWith("\n")) {
      text += "\n";
    }
    text += FIXED_JOB_ID + ": " + jobId + "\n";
    if (scratch != null && !text.lines().anyMatch(l -> l.strip().startsWith(TMP_DIRS + ":"))) {
      text += TMP_DIRS + ": " + scratch.toAbsolutePath() + "\n";
    }
    Files.writeString(conf.resolve(file), text, StandardCharsets.UTF_8);
  }

  public String jobId() {
    return jobId;
  }

  public String master() {
    return options.getFlinkMaster();
  }

  /** True for a cluster, false for the embedded engine. */
  public boolean remote() {
    return !EMBEDDED.contains(options.getFlinkMaster());
  }

  String rest() {
    String m = options.getFlinkMaster();
    return m.startsWith("http://") || m.startsWith("https://") ? m : "http://" + m;
  }

  /** Restarts of the job seen while watching it (RESTARTING states). */
  public int restarts() {
    return restarts;
  }

  private void checkReachable() {
    try {
      get("/overview");
    } catch (IOException e) {
      throw new JobFailedException(
          "no Flink cluster answers at "
              + rest()
              + "/overview; start it (ops/flink/start-session.sh) or check --flinkMaster."
              + " Nothing was submitted");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobFailedException("interrupted while contacting " + rest());
    }
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(URI.create(rest() + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        in.readAllBytes();
        throw new IOException(path + ": HTTP " + r.statusCode());
      }
      return JSON.readTree(in);
    }
  }

  /** On a cluster: prints the job's state and operator counts every few seconds while it runs. */
  void watch(ConsoleProgress progress, long intervalMillis) {
    if (!remote()) {
      return;
    }
    progress.tallies(false); // the in-process tallies stay at zero when the job runs elsewhere
    progress.stage(
        "flink",
        "submitting job " + jobId + " with " + staged() + " to " + options.getFlinkMaster());
    watching = true;
    watcher =
        new Thread(
            () -> {
              long lastPrinted = 0;
              while (watching) {
                try {
                  Thread.sleep(Math.min(intervalMillis, 1_000));
                  String line = progressLine();
                  long now = System.nanoTime();
                  boolean stateChanged = line != null && !stateOf(line).equals(stateOf(printed));
                  if (line != null
                      && !line.equals(printed)
                      && (stateChanged || now - lastPrinted >= intervalMillis * 1_000_000L)) {
                    if (watching) {
                      progress.stage("flink", line);
                    }
                    printed = line;
                    lastPrinted = now;
                  }
                } catch (InterruptedException e) {
                  return;
                } catch (IOException | RuntimeException e) {
                  // not submitted yet (404), or the cluster is busy: try again at the next tick
                }
              }
            },
            "flink-job-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static String stateOf(String line) {
    int sp = line.indexOf(' ');
    return sp < 0 ? line : line.substring(0, sp);
  }

  /** "RUNNING · operators 12/80 finished, 4 tasks running" (counts only), or null before submit. */
  String progressLine() throws IOException, InterruptedException {
    if (!submitted) {
      // asking for an unknown job id makes the JobManager log an error: list the jobs first
      for (JsonNode j : get("/jobs/overview").path("jobs")) {
        submitted |= j.path("jid").asText().equals(jobId);
      }
      if (!submitted) {
        return null;
      }
    }
    JsonNode job = get("/jobs/" + jobId);
    String state = job.path("state").asText("?");
    if (state.equals("RESTARTING") && !lastState.equals("RESTARTING")) {
      restarts++;
    }
    lastState = state;
    int vertices = 0;
    int finished = 0;
    int running = 0;
    for (JsonNode v : job.path("vertices")) {
      vertices++;
      if (v.path("status").asText().equals("FINISHED")) {
        finished++;
      }
      running += v.path("tasks").path("RUNNING").asInt();
    }
    StringBuilder b = new StringBuilder(state);
    if (vertices > 0) {
      b.append(
          String.format(
              " · operators %d/%d finished, %d tasks running", finished, vertices, running));
    }
    if (restarts > 0) {
      b.append(" · restarts ").append(restarts);
    }
    return b.toString();
  }

  private String staged() {
    List<String> files = options.getFilesToStage();
    if (files == null || files.isEmpty()) {
      return "the classpath";
    }
    List<String> names = new ArrayList<>();
    for (String f : files) {
      Path p = Path.of(f);
      names.add(p.getFileName() + sizeOf(p));
    }
    return String.join(", ", names);
  }

  private static String sizeOf(Path p) {
    try {
      return String.format(" (%d MB)", Files.size(p) / 1_000_000);
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops watching (the REST API caches job details for a few seconds: no final line here). */
  void stopWatching() {
    if (watcher == null) {
      return;
    }
    watching = false;
    watcher.interrupt();
    try {
      watcher.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watcher = null;
  }

  /** What run.json records of the engine: master, job id, job jar and its checksum. */
  Map<String, Object> manifestEntry() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("master", options.getFlinkMaster());
    m.put("job_id", jobId);
    m.put("job_name", options.getJobName());
    m.put("parallelism", options.getParallelism());
    List<String> files = options.getFilesToStage();
    if (remote() && files != null) {
      List<Map<String, String>> staged = new ArrayList<>();
      for (String f : files) {
        Path p = Path.of(f);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("file", p.getFileName().toString());
        s.put("sha256", sha256(p));
        staged.add(s);
      }
      m.put("files_staged", staged);
    }
    if (remote()) {
      m.put("restarts_seen", restarts);
    }
    return m;
  }

  private static String sha256(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return "unreadable";
    }
  }

  /** The message of a job that did not finish: engine, job id, cause classes, no data. */
  JobFailedException failed(String what, Throwable cause) {
    String where =
        remote()
            ? "on the Flink cluster "
                + options.getFlinkMaster()
                + " (job "
                + jobId
                + "; its exceptions are in the web UI and the TaskManager logs)"
            : "on the embedded Flink (job " + jobId + "; run again with --verbose for its logs)";
    return new JobFailedException(
        "the load job "
            + what
            + " "
            + where
            + (cause == null ? "" : "; cause: " + JobFailedException.causeClasses(cause))
            + ". Nothing was published; CURRENT is unchanged. Run the load again once the cause"
            + " is fixed");
  }

  @Override
  public void close() throws IOException {
    watching = false;
    if (watcher != null) {
      watcher.interrupt();
    }
    FileTrees.deleteTree(confDir);
  }
}
