package org.victimmonitor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.link.ClusterFiles;
import org.victimmonitor.link.HistogramWeights;
import org.victimmonitor.link.LinkJob;
import org.victimmonitor.link.LinkageEvaluation;
import org.victimmonitor.link.LinkageModel;
import org.victimmonitor.link.ModelJson;
import org.victimmonitor.link.WeightHistogramImage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor evaluate-linkage}: scores a clusters.csv against the truth: pairwise precision,
 * recall and F1, and B-cubed precision, recall and F1. Writes them as {@code evaluation.json} and
 * the match-weight histogram as {@code match-weights.png} next to the clusters.
 */
@Command(
    name = "evaluate-linkage",
    mixinStandardHelpOptions = true,
    description = {
      "Score the clusters of 'monitor link' against the truth: pairwise precision, recall and F1"
          + " (over record pairs placed in one cluster) and B-cubed precision, recall and F1 (per"
          + " record, averaged).",
      "Writes evaluation.json and, when the link run's match-weights.json and model.json are"
          + " there, match-weights.png (the histogram of match weights) next to the clusters."
    })
public final class EvaluateLinkageCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--clusters",
      required = true,
      paramLabel = "FILE",
      description = "clusters.csv written by 'monitor link'.")
  Path clusters;

  @Option(
      names = "--truth",
      required = true,
      paramLabel = "TRUTH",
      description =
          "truth/records.csv of 'monitor generate' (source,dataset,period,record_id,person_id), or"
              + " the word febrl: records rec-<n>-... with equal <n> are one person.")
  String truth;

  @Override
  public Integer call() throws Exception {
    Map<String, String> predicted = ClusterFiles.readClusters(clusters);
    Map<String, String> persons =
        truth.equals("febrl")
            ? ClusterFiles.febrlTruth(predicted)
            : ClusterFiles.readTruth(Path.of(truth));
    LinkageEvaluation e;
    try {
      e = LinkageEvaluation.of(predicted, persons);
    } catch (IllegalArgumentException ex) {
      throw new BadInputException(clusters + " and " + truth + ": " + ex.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "Records %,d: %,d predicted persons, %,d true persons%n",
        e.records(),
        e.predictedClusters(),
        e.trueClusters());
    out.printf(
        Locale.ROOT,
        "Pairwise: precision %.4f  recall %.4f  F1 %.4f  (%,d predicted pairs, %,d true, %,d"
            + " correct)%n",
        e.precision(),
        e.recall(),
        e.f1(),
        e.predictedPairs(),
        e.truePairs(),
        e.correctPairs());
    out.printf(
        Locale.ROOT,
        "B-cubed:  precision %.4f  recall %.4f  F1 %.4f%n",
        e.bcubedPrecision(),
        e.bcubedRecall(),
        e.bcubedF1());
    Path dir = clusters.toAbsolutePath().getParent();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("records", e.records());
    json.put("predicted_persons", e.predictedClusters());
    json.put("true_persons", e.trueClusters());
    json.put("pairwise_precision", e.precision());
    json.put("pairwise_recall", e.recall());
    json.put("pairwise_f1", e.f1());
    json.put("predicted_pairs", e.predictedPairs());
    json.put("true_pairs", e.truePairs());
    json.put("correct_pairs", e.correctPairs());
    json.put("bcubed_precision", e.bcubedPrecision());
    json.put("bcubed_recall", e.bcubedRecall());
    json.put("bcubed_f1", e.bcubedF1());
    Path report = dir.resolve("evaluation.json");
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(report.toFile(), json);
    out.println("Wrote " + report);
    Path weights = dir.resolve(LinkJob.WEIGHTS);
    Path modelFile = dir.resolve(LinkJob.MODEL);
    if (Files.isRegularFile(weights) && Files.isRegularFile(modelFile)) {
      LinkageModel model = ModelJson.read(Files.readString(modelFile));
      double t = model.threshold();
      double thresholdWeight = Math.log(t / (1 - t)) / Math.log(2);
      Path png = dir.resolve("match-weights.png");
      WeightHistogramImage.write(
          HistogramWeights.read(Files.readString(weights)), thresholdWeight, png);
      out.println("Wrote " + png);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
