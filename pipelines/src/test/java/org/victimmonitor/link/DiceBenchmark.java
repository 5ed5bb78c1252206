package org.victimmonitor.link;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dice comparisons per second on one core, 1024-bit filters (as anonlink reports them). Not a test;
 * run with {@code java -cp <test classpath> org.openjdk.jmh.Main DiceBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DiceBenchmark {
  static final int FILTERS = 4096;
  long[][] filters;
  long[] packed;
  int[] cards;
  long[] query;
  double[] out;

  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(1);
    filters = new long[FILTERS][16];
    for (long[] f : filters) {
      for (int i = 0; i < 16; i++) {
        f[i] = rnd.nextLong() & rnd.nextLong(); // about a quarter of the bits set
      }
    }
    query = filters[0].clone();
    packed = new long[FILTERS * 16];
    for (int i = 0; i < FILTERS; i++) {
      System.arraycopy(filters[i], 0, packed, i * 16, 16);
    }
    out = new double[FILTERS];
    cards = new int[FILTERS];
    for (int i = 0; i < FILTERS; i++) {
      cards[i] = Dice.cardinality(filters[i]);
    }
  }

  @Benchmark
  @OperationsPerInvocation(FILTERS)
  public double oneAgainstMany() {
    double sum = 0;
    for (long[] f : filters) {
      sum += Dice.similarity(query, f);
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(FILTERS)
  public double oneAgainstManyKnownCardinality() {
    double sum = 0;
    int cq = cards[0];
    for (int i = 0; i < FILTERS; i++) {
      sum += Dice.similarity(query, cq, filters[i], cards[i]);
    }
    return sum;
  }

  /** {@link Dice#similarities}: the filters packed in one array, scores written out. */
  @Benchmark
  @OperationsPerInvocation(FILTERS)
  public double[] oneAgainstManyPacked() {
    Dice.similarities(query, cards[0], packed, cards, out);
    return out;
  }
}
