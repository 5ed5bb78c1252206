package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * Minimisation on records of known persons, on the DirectRunner with its checks on: a person with a
 * registration keeps all records; a person without one keeps support records and loses police
 * victimisation and suspect records, counted per delivery; a record the linker gave no person or
 * two persons fails the load with the delivery and row, not the record.
 */
class MinimiseRecordsTest {
  static Pipeline pipeline() {
    DirectOptions o = PipelineOptionsFactory.create().as(DirectOptions.class);
    o.setRunner(DirectRunner.class);
    return Pipeline.create(o);
  }

  static StandardRecord record(String source, String dataset, String id, long row, String role) {
    return new StandardRecord(
        source,
        dataset,
        "2020",
        id,
        row,
        1,
        role,
        18_500,
        null,
        "X",
        1990,
        "F",
        null,
        "GM0363",
        Map.of("mk_bsn", "token-" + id));
  }

  static final StandardRecord REG_A =
      record("police", "trafficking_report", "a1", 1, StandardRecord.REGISTRATION);
  static final StandardRecord VIC_A =
      record("police", "victimisation", "a2", 1, StandardRecord.VICTIMISATION);
  static final StandardRecord SUS_A = record("police", "suspect", "a3", 1, StandardRecord.SUSPECT);
  static final StandardRecord VIC_B =
      record("police", "victimisation", "b1", 2, StandardRecord.VICTIMISATION);
  static final StandardRecord SUS_B = record("police", "suspect", "b2", 2, StandardRecord.SUSPECT);
  static final StandardRecord SUP_B = record("municipality", "support", "b3", 1, "support");
  static final StandardRecord VIC_C =
      record("police", "victimisation", "c1", 3, StandardRecord.VICTIMISATION);

  static PCollection<String> minimise(
      Pipeline p, List<StandardRecord> records, List<PersonAssignment> assignments) {
    return PCollectionTuple.of(
            MinimiseRecords.RECORDS,
            p.apply("Records", Create.of(records).withCoder(LoadCoders.STANDARD_RECORD)))
        .and(
            MinimiseRecords.ASSIGNMENTS,
            p.apply("Assignments", Create.of(assignments).withCoder(LoadCoders.PERSON_ASSIGNMENT)))
        .apply(new MinimiseRecords(3))
        .apply(
            MapElements.into(TypeDescriptors.strings())
                .via(r -> r.record().recordId() + "->" + r.personKey()));
  }

  @Test
  void personsWithoutARegistrationLosePoliceRecordsWhichAreCountedPerDelivery() {
    Pipeline p = pipeline();
    List<StandardRecord> records = List.of(REG_A, VIC_A, SUS_A, VIC_B, SUS_B, SUP_B, VIC_C);
    List<PersonAssignment> assignments = new ArrayList<>();
    for (StandardRecord r : List.of(REG_A, VIC_A, SUS_A)) {
      assignments.add(new PersonAssignment(r.ref(), 10));
    }
    for (StandardRecord r : List.of(VIC_B, SUS_B, SUP_B)) {
      assignments.add(new PersonAssignment(r.ref(), 20));
    }
    assignments.add(new PersonAssignment(VIC_C.ref(), 30));
    PAssert.that(minimise(p, records, assignments))
        .containsInAnyOrder("a1->10", "a2->10", "a3->10", "b3->20");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(minimised(result, "police/victimisation/2020")).isEqualTo(2);
    assertThat(minimised(result, "police/suspect/2020")).isEqualTo(1);
    assertThat(minimised(result, "police/trafficking_report/2020")).isZero();
    assertThat(minimised(result, "municipality/support/2020")).isZero();
  }

  static long minimised(PipelineResult result, String delivery) {
    long n = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(
                        MetricNameFilter.named(
                            LoadCounters.NAMESPACE, LoadCounters.minimised(delivery)))
                    .build())
            .getCounters()) {
      n += c.getAttempted();
    }
    return n;
  }

  @Test
  void aRegistrationWithoutAPersonFailsNamingTheDeliveryAndRow() {
    Pipeline p = pipeline();
    minimise(p, List.of(REG_A, VIC_A), List.of(new PersonAssignment(VIC_A.ref(), 10)));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasMessageContaining(
            "the linker assigned no person to a record of police/trafficking_report/2020 row 1")
        .hasMessageNotContaining("a1")
        .hasMessageNotContaining("token");
  }

  @Test
  void aRecordWithTwoPersonsFailsNamingTheDeliveryAndRow() {
    Pipeline p = pipeline();
    minimise(
        p,
        List.of(REG_A),
        List.of(new PersonAssignment(REG_A.ref(), 10), new PersonAssignment(REG_A.ref(), 11)));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasMessageContaining(
            "the linker assigned several persons to a record of police/trafficking_report/2020"
                + " row 1");
  }

  @Test
  void aReferenceSplitsBackIntoItsDelivery() {
    assertThat(StandardRecord.deliveryOf(SUP_B.ref())).isEqualTo(SUP_B.deliveryId());
    assertThat(StandardRecord.refParts(VIC_C.ref()))
        .containsExactly("2020", "police", "victimisation", "c1", "0000000003");
    assertThatThrownBy(() -> StandardRecord.refParts("2020/police"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
