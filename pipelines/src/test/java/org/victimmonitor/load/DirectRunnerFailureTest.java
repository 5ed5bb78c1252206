package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.beam.sdk.Pipeline;
import org.junit.jupiter.api.Test;
import org.victimmonitor.common.JobFailedException;

/**
 * A DirectRunner load that runs out of memory fails as a job (exit 5) with what to do; any other
 * failure stays what it was.
 */
class DirectRunnerFailureTest {
  @Test
  void runningOutOfMemoryBecomesAFailedJobThatSaysWhatToDo() {
    RuntimeException failed =
        new Pipeline.PipelineExecutionException(new OutOfMemoryError("Java heap space"));
    RuntimeException e = LoadYearJob.directRunnerFailure(failed, false, 4_294_967_296L);
    assertThat(e).isInstanceOf(JobFailedException.class);
    assertThat(e.getMessage())
        .startsWith("the DirectRunner ran out of memory (heap limit 4.0 GiB)")
        .contains("Nothing was published")
        .contains("embedded Flink (the default runner)")
        .contains("MONITOR_JAVA_OPTS=-Xmx8g");
  }

  @Test
  void aPipelineLeftRunningWithTheHeapFullAfterCollectionIsOutOfMemoryToo() {
    RuntimeException ended = new IllegalStateException("the load pipeline ended RUNNING");
    assertThat(LoadYearJob.directRunnerFailure(ended, true, 8L << 30))
        .isInstanceOf(JobFailedException.class)
        .hasMessageStartingWith("the DirectRunner ran out of memory (heap limit 8.0 GiB)");
    assertThat(LoadYearJob.directRunnerFailure(ended, false, 8L << 30)).isSameAs(ended);
  }

  @Test
  void aHeapWatchIsNotExhaustedByAnOrdinaryRun() {
    assertThat(new LoadYearJob.HeapWatch().exhausted()).isFalse();
  }

  @Test
  void anyOtherFailureIsLeftAsItWas() {
    RuntimeException failed =
        new Pipeline.PipelineExecutionException(new IllegalStateException("a bug"));
    assertThat(LoadYearJob.directRunnerFailure(failed, false, 1L)).isSameAs(failed);
  }
}
