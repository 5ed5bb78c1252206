package org.victimmonitor.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Emits every row of one delivery's records.csv, numbered from 1; counts them per delivery. A row
 * whose record id (the first cell) an earlier row of the delivery has carries that row's number, so
 * that the checks quarantine it: ids are held for one delivery at a time.
 */
public final class ReadDeliveryRowsFn extends DoFn<DeliveryRef, DeliveryRow> {
  @ProcessElement
  public void process(@Element DeliveryRef d, OutputReceiver<DeliveryRow> out) throws IOException {
    var read = Metrics.counter(LoadCounters.NAMESPACE, LoadCounters.read(d.id()));
    try (Reader r = Files.newBufferedReader(Path.of(d.recordsPath()), StandardCharsets.UTF_8);
        CSVParser p =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
      long n = 0;
      Map<String, Long> firstRows = new HashMap<>();
      for (CSVRecord rec : p) {
        n++;
        List<String> values = new ArrayList<>(rec.size());
        rec.forEach(values::add);
        Long first = values.isEmpty() ? null : firstRows.putIfAbsent(values.get(0).strip(), n);
        out.output(
            new DeliveryRow(
                d.source(),
                d.dataset(),
                d.period(),
                n,
                first == null ? 0 : first,
                List.copyOf(values)));
        read.inc();
        LoadProgress.READ.incrementAndGet();
      }
    }
  }
}
