package org.victimmonitor.load;

import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Writes the restricted data under {@code <dir>/} (the version's {@code restricted/} folder, mode
 * 0700): the vault (tokens and person keys of every loaded record, for the next load's linking) and
 * the quarantine (rejected rows with reason and original row). Minimised records are in neither.
 */
public final class WriteRestricted extends PTransform<PCollectionTuple, PDone> {
  public static final TupleTag<LinkedRecord> LOADED = new TupleTag<>() {};
  public static final TupleTag<QuarantinedRow> QUARANTINED = new TupleTag<>() {};

  private final String dir;
  private final int vaultShards;

  public WriteRestricted(String dir, int vaultShards) {
    this.dir = dir;
    this.vaultShards = vaultShards;
  }

  @Override
  public PDone expand(PCollectionTuple input) {
    input
        .get(LOADED)
        .apply("ToVaultRows", ParDo.of(new ToVaultRowFn()))
        .setCoder(AvroCoder.of(TableSchemas.get("vault")))
        .apply("WriteVault", new WriteTable("vault", dir, vaultShards));
    input
        .get(QUARANTINED)
        .apply("ToQuarantineRows", ParDo.of(new ToQuarantineRowFn()))
        .setCoder(AvroCoder.of(TableSchemas.get("quarantine")))
        .apply("WriteQuarantine", new WriteTable("quarantine", dir, 1));
    return PDone.in(input.getPipeline());
  }
}
