package org.victimmonitor.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

class PoissonTailTest {

  @Test
  void matchesTheDistributionWhereThatIsAccurate() {
    PoissonDistribution d = new PoissonDistribution(7.3);
    for (int k = 0; k <= 20; k++) {
      assertThat(Math.exp(PoissonTail.logUpper(k, 7.3)))
          .as("upper %d", k)
          .isCloseTo(1 - d.cumulativeProbability(k - 1), within(1e-12));
      assertThat(Math.exp(PoissonTail.logLower(k, 7.3)))
          .as("lower %d", k)
          .isCloseTo(d.cumulativeProbability(k), within(1e-12));
    }
  }

  @Test
  void staysAccurateFarInTheTails() {
    // P(X >= 60) for mean 3: dominated by the first term, 3^60 e^-3 / 60! (about 1.1e-55).
    double logFirst = -3 + 60 * Math.log(3) - org.apache.commons.math3.special.Gamma.logGamma(61);
    assertThat(PoissonTail.logUpper(60, 3)).isCloseTo(logFirst, within(0.06));
    // P(X <= 0) for mean 200 is exactly e^-200, far below double 1 - cdf resolution.
    assertThat(PoissonTail.logLower(0, 200)).isCloseTo(-200, withinPercentage(1e-9));
  }

  @Test
  void oneSidedFollowsTheDirectionOfTheObservation() {
    assertThat(PoissonTail.logOneSided(18, 3.2)).isEqualTo(PoissonTail.logUpper(18, 3.2));
    assertThat(PoissonTail.logOneSided(1, 14)).isEqualTo(PoissonTail.logLower(1, 14));
    assertThat(PoissonTail.logOneSided(0, 0.5)).isEqualTo(PoissonTail.logLower(0, 0.5));
  }
}
