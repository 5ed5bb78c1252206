package org.apache.beam.runners.flink.translation.types;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.TypeComparator;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.core.memory.MemorySegment;

/**
 * The Flink runner's comparator of encoded keys (the bytes of a key under its Beam coder), replaced
 * by this project to let Flink sort on normalized keys.
 *
 * <p>Beam's own class (Beam 2.62.0, runners-flink-1.19) says it supports no normalized key, so
 * Flink's sorter compares two records of a grouping by reading both keys back from the sort
 * buffers, for every comparison of every sort (apache/beam#30139). In this project's national link
 * that was about a third of all CPU time. Here the first bytes of the key go into the sort index,
 * where most comparisons are decided in contiguous memory, and only keys that tie on those bytes
 * are read back. All comparisons are unsigned and lexicographic, so the normalized prefix and the
 * full comparison agree (the replaced class compared signed bytes, which the normalized keys,
 * compared unsigned by Flink, would contradict). Grouping needs only that equal keys sort together;
 * which order the groups come in is not part of Beam's model.
 *
 * <p>The shaded jars leave Beam's class out (pipelines/pom.xml); {@code EncodedValueComparatorTest}
 * checks that this class is the one loaded and that it keeps the comparator's contract. Remove this
 * file when the runner supports normalized keys itself.
 */
public class EncodedValueComparator extends TypeComparator<byte[]> {
  private static final long serialVersionUID = 1L;

  private final boolean ascending;
  private transient byte[] reference;

  public EncodedValueComparator(boolean ascending) {
    this.ascending = ascending;
  }

  /** Unsigned lexicographic comparison; a proper prefix sorts first. */
  static int compareBytes(byte[] a, byte[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  @Override
  public int hash(byte[] record) {
    return Arrays.hashCode(record);
  }

  @Override
  public void setReference(byte[] toCompare) {
    reference = toCompare;
  }

  @Override
  public boolean equalToReference(byte[] candidate) {
    return Arrays.equals(reference, candidate);
  }

  @Override
  public int compareToReference(TypeComparator<byte[]> referencedComparator) {
    // Flink's contract: the other comparator's reference against this one's.
    int c = compareBytes(((EncodedValueComparator) referencedComparator).reference, reference);
    return ascending ? c : -c;
  }

  @Override
  public int compare(byte[] first, byte[] second) {
    int c = compareBytes(first, second);
    return ascending ? c : -c;
  }

  @Override
  public int compareSerialized(DataInputView firstSource, DataInputView secondSource)
      throws IOException {
    byte[] a = new byte[firstSource.readInt()];
    firstSource.readFully(a);
    byte[] b = new byte[secondSource.readInt()];
    secondSource.readFully(b);
    return compare(a, b);
  }

  @Override
  public boolean supportsNormalizedKey() {
    return true;
  }

  @Override
  public boolean supportsSerializationWithKeyNormalization() {
    return false;
  }

  @Override
  public int getNormalizeKeyLen() {
    return Integer.MAX_VALUE;
  }

  @Override
  public boolean isNormalizedKeyPrefixOnly(int keyBytes) {
    // Keys have any length, and zero padding cannot tell a short key from one ending in zeros.
    return true;
  }

  @Override
  public void putNormalizedKey(byte[] record, MemorySegment target, int offset, int numBytes) {
    int n = Math.min(numBytes, record.length);
    target.put(offset, record, 0, n);
    for (int i = n; i < numBytes; i++) {
      target.put(offset + i, (byte) 0);
    }
  }

  @Override
  public void writeWithKeyNormalization(byte[] record, DataOutputView target) {
    throw new UnsupportedOperationException();
  }

  @Override
  public byte[] readWithKeyDenormalization(byte[] reuse, DataInputView source) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean invertNormalizedKey() {
    return !ascending;
  }

  @Override
  public TypeComparator<byte[]> duplicate() {
    return new EncodedValueComparator(ascending);
  }

  @Override
  public int extractKeys(Object record, Object[] target, int index) {
    target[index] = record;
    return 1;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public TypeComparator[] getFlatComparators() {
    return new TypeComparator[] {duplicate()};
  }
}
