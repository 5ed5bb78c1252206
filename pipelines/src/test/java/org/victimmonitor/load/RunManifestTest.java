package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the load refuses to publish on the linker's counters alone. */
class RunManifestTest {
  static RunManifest withEngineCounter(String name, long value) {
    return new RunManifest(new LoadPlan(2021, List.of()), Map.of(RunManifest.ENGINE + name, value));
  }

  @Test
  void aFingerprintCollisionInTheClusteringPublishesNothing() {
    assertThatThrownBy(() -> withEngineCounter("node_fingerprint_collisions", 1).reconcile())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two record ids shared a 64-bit fingerprint")
        .hasMessageContaining("nothing published");
    assertThatCode(() -> withEngineCounter("node_fingerprint_collisions", 0).reconcile())
        .doesNotThrowAnyException();
  }

  @Test
  void unconvergedNodesPublishNothing() {
    assertThatThrownBy(() -> withEngineCounter("unconverged_nodes", 3).reconcile())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("3 records were not yet in their person's star")
        .hasMessageContaining("nothing published");
  }
}
