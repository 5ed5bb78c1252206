package org.victimmonitor.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Field-by-field coders of the load's records for the shuffles. Java serialization (Beam's {@code
 * SerializableCoder}) writes class descriptors with every element and made linking at national
 * scale several times slower.
 */
public final class LoadCoders {
  private LoadCoders() {}

  private static final Coder<String> STR = StringUtf8Coder.of();
  private static final Coder<String> NSTR = NullableCoder.of(StringUtf8Coder.of());
  private static final Coder<Integer> INT = VarIntCoder.of();
  private static final Coder<Integer> NINT = NullableCoder.of(VarIntCoder.of());
  private static final Coder<Long> LONG = VarLongCoder.of();
  private static final Coder<List<String>> STRS = ListCoder.of(StringUtf8Coder.of());
  private static final Coder<Map<String, String>> TOKENS =
      MapCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

  public static final Coder<StandardRecord> STANDARD_RECORD =
      new AtomicCoder<>() {
        @Override
        public void encode(StandardRecord r, OutputStream o) throws IOException {
          STR.encode(r.source(), o);
          STR.encode(r.dataset(), o);
          STR.encode(r.period(), o);
          STR.encode(r.recordId(), o);
          LONG.encode(r.rowNumber(), o);
          INT.encode(r.sourceKey(), o);
          STR.encode(r.role(), o);
          INT.encode(r.eventDay(), o);
          NINT.encode(r.endDay(), o);
          STR.encode(r.code(), o);
          NINT.encode(r.birthYear(), o);
          NSTR.encode(r.sex(), o);
          NSTR.encode(r.nationality(), o);
          NSTR.encode(r.municipality(), o);
          TOKENS.encode(r.tokens(), o);
        }

        @Override
        public StandardRecord decode(InputStream i) throws IOException {
          return new StandardRecord(
              STR.decode(i),
              STR.decode(i),
              STR.decode(i),
              STR.decode(i),
              LONG.decode(i),
              INT.decode(i),
              STR.decode(i),
              INT.decode(i),
              NINT.decode(i),
              STR.decode(i),
              NINT.decode(i),
              NSTR.decode(i),
              NSTR.decode(i),
              NSTR.decode(i),
              TOKENS.decode(i));
        }
      };

  public static final Coder<LinkedRecord> LINKED_RECORD =
      new AtomicCoder<>() {
        @Override
        public void encode(LinkedRecord r, OutputStream o) throws IOException {
          STANDARD_RECORD.encode(r.record(), o);
          LONG.encode(r.personKey(), o);
        }

        @Override
        public LinkedRecord decode(InputStream i) throws IOException {
          return new LinkedRecord(STANDARD_RECORD.decode(i), LONG.decode(i));
        }
      };

  public static final Coder<PersonAssignment> PERSON_ASSIGNMENT =
      new AtomicCoder<>() {
        @Override
        public void encode(PersonAssignment a, OutputStream o) throws IOException {
          STR.encode(a.recordRef(), o);
          LONG.encode(a.personKey(), o);
        }

        @Override
        public PersonAssignment decode(InputStream i) throws IOException {
          return new PersonAssignment(STR.decode(i), LONG.decode(i));
        }
      };

  public static final Coder<LinkByExactKeys.Node> NODE =
      new AtomicCoder<>() {
        @Override
        public void encode(LinkByExactKeys.Node n, OutputStream o) throws IOException {
          STR.encode(n.label(), o);
          STRS.encode(n.keys(), o);
        }

        @Override
        public LinkByExactKeys.Node decode(InputStream i) throws IOException {
          return new LinkByExactKeys.Node(STR.decode(i), STRS.decode(i));
        }
      };

  private static final Coder<LinkByExactKeys.Node> NNODE = NullableCoder.of(NODE);

  public static final Coder<LinkByExactKeys.LabelUpdate> LABEL_UPDATE =
      new AtomicCoder<>() {
        @Override
        public void encode(LinkByExactKeys.LabelUpdate u, OutputStream o) throws IOException {
          NNODE.encode(u.node(), o);
          NSTR.encode(u.proposal(), o);
        }

        @Override
        public LinkByExactKeys.LabelUpdate decode(InputStream i) throws IOException {
          return new LinkByExactKeys.LabelUpdate(NNODE.decode(i), NSTR.decode(i));
        }
      };

  public static final Coder<DeliveryRow> DELIVERY_ROW =
      new AtomicCoder<>() {
        @Override
        public void encode(DeliveryRow r, OutputStream o) throws IOException {
          STR.encode(r.source(), o);
          STR.encode(r.dataset(), o);
          STR.encode(r.period(), o);
          LONG.encode(r.rowNumber(), o);
          LONG.encode(r.firstRow(), o);
          STRS.encode(r.values(), o);
        }

        @Override
        public DeliveryRow decode(InputStream i) throws IOException {
          return new DeliveryRow(
              STR.decode(i),
              STR.decode(i),
              STR.decode(i),
              LONG.decode(i),
              LONG.decode(i),
              STRS.decode(i));
        }
      };
}
