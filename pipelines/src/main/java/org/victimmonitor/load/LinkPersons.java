package org.victimmonitor.load;

import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * The linkage step as the load sees it: a composite that assigns every standardised record (by
 * {@link StandardRecord#ref()}) to exactly one person key. Implementations: {@link
 * LinkProbabilistically} (the engine of package {@code link}, the default) and {@link
 * LinkByExactKeys} (records sharing a match key; {@code --linker exact}).
 *
 * <p>Contract: exactly one {@link PersonAssignment} per input record; person keys are surrogates
 * (no token, no hash of an identifier), deterministic for the same input.
 */
public abstract class LinkPersons
    extends PTransform<PCollection<StandardRecord>, PCollection<PersonAssignment>> {

  /** Name of the linkage method, written to run.json. */
  public abstract String method();

  /** The model and its parameters (thresholds, m/u, rounds), written to run.json. */
  public abstract Map<String, Object> parameters();

  /** A JSON file the pipeline writes with the fitted model (copied into run.json), or null. */
  public String modelFile() {
    return null;
  }
}
