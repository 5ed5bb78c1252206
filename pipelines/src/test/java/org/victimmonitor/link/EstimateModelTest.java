package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.victimmonitor.link.EstimateModel.BucketRecordsFn;

/** The random pairs that start u: which records are sampled, and into which buckets. */
class EstimateModelTest {
  static String id(int i) {
    return LinkRecord.id("police", "victim", "2020", String.format("POL-%08d", i));
  }

  @Test
  void upToTheSampleSizeEveryRecordIsInABucket() {
    long keep = BucketRecordsFn.keepBelow(EstimateModel.RANDOM_RECORDS);
    assertThat(keep).isEqualTo(Long.MAX_VALUE);
    int buckets = (int) (EstimateModel.RANDOM_RECORDS / LinkConfig.DEFAULT_RANDOM_BUCKET);
    int[] sizes = new int[buckets];
    for (int i = 0; i < EstimateModel.RANDOM_RECORDS; i++) {
      int b = BucketRecordsFn.bucketOf(id(i), buckets, keep);
      assertThat(b).isBetween(0, buckets - 1);
      sizes[b]++;
    }
    // buckets of about 40 records: none empty, none more than twice the size
    assertThat(java.util.Arrays.stream(sizes).min().orElseThrow()).isGreaterThanOrEqualTo(10);
    assertThat(java.util.Arrays.stream(sizes).max().orElseThrow()).isLessThanOrEqualTo(80);
  }

  @Test
  void aLargerRunSamplesAboutTheSampleSizeAndTheSameRecordsEachTime() {
    int n = 1_000_000;
    long keep = BucketRecordsFn.keepBelow(n);
    int buckets = (int) (EstimateModel.RANDOM_RECORDS / LinkConfig.DEFAULT_RANDOM_BUCKET);
    int sampled = 0;
    int[] sizes = new int[buckets];
    for (int i = 0; i < n; i++) {
      int b = BucketRecordsFn.bucketOf(id(i), buckets, keep);
      assertThat(BucketRecordsFn.bucketOf(id(i), buckets, keep)).isEqualTo(b);
      if (b >= 0) {
        sampled++;
        sizes[b]++;
      }
    }
    // a quarter of the records, within 1% of 250,000 (the binomial's sd is 433)
    assertThat(sampled).isBetween(247_500, 252_500);
    assertThat(java.util.Arrays.stream(sizes).min().orElseThrow()).isGreaterThanOrEqualTo(10);
    assertThat(java.util.Arrays.stream(sizes).max().orElseThrow()).isLessThanOrEqualTo(80);
    // twice the records, half the share
    long keep2 = BucketRecordsFn.keepBelow(2L * n);
    assertThat((double) keep2 / keep).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
  }
}
