package org.victimmonitor.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fitted model as JSON ({@code model.json}): per field and level m, u and the match weight
 * {@code log2(m/u)}; the match share lambda, its prior weight, the threshold and the EM outcome.
 * Reads it back for {@code monitor linkage-model}.
 */
public final class ModelJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelJson() {}

  public static String write(LinkageModel model) {
    ObjectNode root = JSON.createObjectNode();
    root.put("lambda", model.lambda());
    root.put("prior_weight", model.priorWeight());
    root.put("threshold", model.threshold());
    root.put("em_iterations", model.iterations());
    root.put("em_converged", model.converged());
    root.put("candidate_pairs", model.pairs());
    ArrayNode fields = root.putArray("fields");
    for (int f = 0; f < model.size(); f++) {
      ObjectNode field = fields.addObject();
      field.put("name", model.fields().get(f));
      if (model.meanFrequency()[f] > 0) {
        field.put("term_frequency_mean", model.meanFrequency()[f]);
      }
      ArrayNode levels = field.putArray("levels");
      for (int l = 1; l < model.m()[f].length; l++) {
        ObjectNode level = levels.addObject();
        level.put("level", l);
        level.put("name", model.levels().get(f).get(l));
        level.put("m", model.m()[f][l]);
        level.put("u", model.u()[f][l]);
        level.put("weight", model.weight(f, l));
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static LinkageModel read(String json) throws IOException {
    JsonNode root = JSON.readTree(json);
    List<String> names = new ArrayList<>();
    List<List<String>> levelNames = new ArrayList<>();
    JsonNode fields = root.path("fields");
    double[][] m = new double[fields.size()][];
    double[][] u = new double[fields.size()][];
    double[] mean = new double[fields.size()];
    for (int f = 0; f < fields.size(); f++) {
      JsonNode field = fields.get(f);
      mean[f] = field.path("term_frequency_mean").asDouble(0);
      names.add(field.path("name").asText());
      JsonNode levels = field.path("levels");
      m[f] = new double[levels.size() + 1];
      u[f] = new double[levels.size() + 1];
      List<String> ln = new ArrayList<>();
      ln.add("missing");
      for (int l = 0; l < levels.size(); l++) {
        JsonNode level = levels.get(l);
        m[f][l + 1] = level.path("m").asDouble();
        u[f][l + 1] = level.path("u").asDouble();
        ln.add(level.path("name").asText());
      }
      levelNames.add(List.copyOf(ln));
    }
    return new LinkageModel(
        List.copyOf(names),
        List.copyOf(levelNames),
        m,
        u,
        root.path("lambda").asDouble(),
        root.path("threshold").asDouble(),
        root.path("em_iterations").asInt(),
        root.path("em_converged").asBoolean(),
        root.path("candidate_pairs").asLong(),
        mean);
  }

  /** A table for people: one line per field level with m, u and weight. */
  public static String describe(LinkageModel model) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "Fellegi-Sunter model fitted by EM on %,d candidate pairs (%d iterations, %s)%n",
            model.pairs(),
            model.iterations(),
            model.converged() ? "converged" : "NOT converged"));
    s.append(
        String.format(
            Locale.ROOT,
            "Match share lambda %.6f (prior weight %.2f bits); link when P(match) >= %s%n%n",
            model.lambda(),
            model.priorWeight(),
            model.threshold()));
    s.append(
        String.format(
            Locale.ROOT, "%-20s %-16s %10s %10s %9s%n", "field", "level", "m", "u", "weight"));
    for (int f = 0; f < model.size(); f++) {
      for (int l = 1; l < model.m()[f].length; l++) {
        s.append(
            String.format(
                Locale.ROOT,
                "%-20s %-16s %10.6f %10.6f %+9.2f%n",
                l == 1 ? model.fields().get(f) : "",
                model.levels().get(f).get(l),
                model.m()[f][l],
                model.u()[f][l],
                model.weight(f, l)));
      }
    }
    s.append("(a missing value on either side has weight 0)\n");
    for (int f = 0; f < model.size(); f++) {
      if (model.meanFrequency()[f] > 0) {
        s.append(
            String.format(
                Locale.ROOT,
                "%s: exact weight adjusted by log2(%.2f / records sharing the value)%n",
                model.fields().get(f),
                model.meanFrequency()[f]));
      }
    }
    return s.toString();
  }
}
