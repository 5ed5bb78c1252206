package org.victimmonitor.load;

import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes every star table under {@code <dir>/star/} with its shard count: reference dimensions in
 * one file, the others as configured.
 */
public final class WriteStarSchema extends PTransform<PCollectionTuple, PDone> {
  private final String dir;
  private final Map<String, Integer> shards;

  /**
   * @param shards shard count per table (per year partition for facts); missing means 1
   */
  public WriteStarSchema(String dir, Map<String, Integer> shards) {
    this.dir = dir;
    this.shards = Map.copyOf(shards);
  }

  @Override
  public PDone expand(PCollectionTuple tables) {
    for (String t : TableSchemas.star()) {
      tables
          .get(StarSchema.tag(t))
          .apply("Write_" + t, new WriteTable(t, dir, shards.getOrDefault(t, 1)));
    }
    return PDone.in(tables.getPipeline());
  }
}
