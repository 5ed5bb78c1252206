package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private Flink configuration a job gets: the fixed job id always, the scratch folder as {@code
 * io.tmp.dirs} only for the embedded engine and only when the user's configuration has none.
 */
class FlinkJobTest {
  @TempDir Path tmp;

  FlinkPipelineOptions options(String master, Path userConf) {
    FlinkPipelineOptions o = PipelineOptionsFactory.create().as(FlinkPipelineOptions.class);
    o.setRunner(FlinkRunner.class);
    o.setFlinkMaster(master);
    if (userConf != null) {
      o.setFlinkConfDir(userConf.toString());
    }
    return o;
  }

  String conf(FlinkPipelineOptions o) throws IOException {
    return Files.readString(Path.of(o.getFlinkConfDir()).resolve("flink-conf.yaml"));
  }

  @Test
  void embeddedEngineWritesItsTemporaryFilesToTheScratchFolder() throws IOException {
    FlinkPipelineOptions o = options("[local]", null);
    Path scratch = Files.createDirectory(tmp.resolve("scratch"));
    try (FlinkJob job = FlinkJob.prepare(o, "test", scratch)) {
      assertThat(conf(o))
          .isEqualTo(
              FlinkJob.FIXED_JOB_ID
                  + ": "
                  + job.jobId()
                  + "\n"
                  + "io.tmp.dirs: "
                  + scratch.toAbsolutePath()
                  + "\n");
    }
    assertThat(Path.of(o.getFlinkConfDir())).doesNotExist();
  }

  @Test
  void theUsersTemporaryFolderWins() throws IOException {
    Path user = Files.createDirectory(tmp.resolve("user"));
    Files.writeString(
        user.resolve("flink-conf.yaml"), "io.tmp.dirs: /data/flink\nparallelism.default: 2");
    FlinkPipelineOptions o = options("[local]", user);
    try (FlinkJob job =
        FlinkJob.prepare(o, "test", Files.createDirectory(tmp.resolve("scratch")))) {
      assertThat(conf(o))
          .isEqualTo(
              "io.tmp.dirs: /data/flink\nparallelism.default: 2\n"
                  + FlinkJob.FIXED_JOB_ID
                  + ": "
                  + job.jobId()
                  + "\n");
    }
  }
}
