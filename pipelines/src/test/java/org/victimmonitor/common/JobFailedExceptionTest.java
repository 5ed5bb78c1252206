package org.victimmonitor.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a failed job's message may say: cause classes, and only Flink's own messages. */
class JobFailedExceptionTest {

  static Throwable thrownAt(Throwable t, String className) {
    t.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, "m", "F.java", 1)});
    return t;
  }

  @Test
  void aMessageFromTheJobsOwnCodeIsLeftOut() {
    Throwable inner =
        thrownAt(
            new NumberFormatException("For input string: \"CARE-2017-000001\""),
            "org.victimmonitor.load.StandardiseRecordFn");
    Throwable outer = new RuntimeException("Pipeline execution failed", inner);
    String s = JobFailedException.causeClasses(outer);
    assertThat(s)
        .isEqualTo("java.lang.RuntimeException < java.lang.NumberFormatException")
        .doesNotContain("CARE-2017");
  }

  @Test
  void flinksOwnMessageIsKept() {
    Throwable inner =
        thrownAt(
            new IllegalStateException("TaskManager with id 127.0.0.1:1-a is no longer reachable."),
            "org.apache.flink.runtime.jobmaster.JobMaster");
    String s = JobFailedException.causeClasses(new RuntimeException("x", inner));
    assertThat(s)
        .isEqualTo(
            "java.lang.RuntimeException < java.lang.IllegalStateException"
                + " (Flink: TaskManager with id 127.0.0.1:1-a is no longer reachable.)");
  }
}
