package org.victimmonitor.estimate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Decides, before fitting, whether a log-linear model has a maximum-likelihood estimate on the data
 * and whether its parameters are identifiable. Consumes the design matrix (cells already reduced
 * for empty overlaps) and the observed counts; produces an {@link Outcome}.
 *
 * <p>Existence follows Fienberg and Rinaldo (2012): the estimate exists exactly when some strictly
 * positive table has the same sufficient statistics {@code X'y} as the data. The linear program
 * maximises {@code s} over tables {@code x = u + s} with {@code u >= 0}, {@code X'x = X'y} and
 * {@code 0 <= s <= 1}; the optimum is positive exactly when such a table exists. Identifiability is
 * full column rank of the design matrix. These are the two tests of SparseMSE's {@code checkident}.
 */
final class ExistenceCheck {

  /** Anything below this is the LP's round-off on a zero optimum, not a positive table. */
  private static final double POSITIVE = 1e-7;

  enum Outcome {
    OK(0),
    NOT_EXISTING(1),
    NOT_IDENTIFIABLE(2),
    NEITHER(3);

    /** SparseMSE's error code for the same outcome, kept so results can be compared. */
    final int code;

    Outcome(int code) {
      this.code = code;
    }
  }

  private ExistenceCheck() {}

  static Outcome check(double[][] x, double[] y) {
    boolean exists = estimateExists(x, y);
    boolean identifiable = fullColumnRank(x);
    if (exists && identifiable) {
      return Outcome.OK;
    }
    if (identifiable) {
      return Outcome.NOT_EXISTING;
    }
    return exists ? Outcome.NOT_IDENTIFIABLE : Outcome.NEITHER;
  }

  static boolean fullColumnRank(double[][] x) {
    if (x.length < x[0].length) {
      return false;
    }
    return new SingularValueDecomposition(new Array2DRowRealMatrix(x, false)).getRank()
        == x[0].length;
  }

  static boolean estimateExists(double[][] x, double[] y) {
    int n = x.length;
    int p = x[0].length;
    // Variables: u_1..u_n, then s.
    double[] objective = new double[n + 1];
    objective[n] = 1;
    List<LinearConstraint> constraints = new ArrayList<>();
    for (int k = 0; k < p; k++) {
      double[] row = new double[n + 1];
      double target = 0;
      double columnSum = 0;
      for (int i = 0; i < n; i++) {
        row[i] = x[i][k];
        columnSum += x[i][k];
        target += x[i][k] * y[i];
      }
      row[n] = columnSum;
      constraints.add(new LinearConstraint(row, Relationship.EQ, target));
    }
    double[] sBound = new double[n + 1];
    sBound[n] = 1;
    constraints.add(new LinearConstraint(sBound, Relationship.LEQ, 1));
    try {
      PointValuePair optimum =
          new SimplexSolver()
              .optimize(
                  new MaxIter(100_000),
                  new LinearObjectiveFunction(objective, 0),
                  new LinearConstraintSet(constraints),
                  GoalType.MAXIMIZE,
                  new NonNegativeConstraint(true));
      return optimum.getValue() > POSITIVE;
    } catch (NoFeasibleSolutionException | UnboundedSolutionException e) {
      // The observed table itself is feasible (s = 0) and s is bounded, so neither can happen;
      // treat a numerical failure as "no estimate" rather than fit something unstable.
      return false;
    }
  }
}
