package org.victimmonitor.estimate;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.special.Gamma;

/**
 * Maximum-likelihood fit of a Poisson generalised linear model with log link by iteratively
 * reweighted least squares. Consumes a design matrix (one row per cell) and the observed counts;
 * produces coefficients, fitted means, the inverse Fisher information and the log-likelihood.
 *
 * <p>The caller must have checked that the estimate exists and is identifiable ({@link
 * ExistenceCheck}); this class only reports, as {@link Result#converged()} false, when it still
 * fails, rather than returning coefficients that drift towards infinity.
 */
final class PoissonIrls {

  private static final int MAX_ITERATIONS = 100;
  // Tighter than R's glm default (1e-8): benchmark bounds are compared to 0.5%, and the cost of a
  // few more iterations on a few hundred cells is nothing.
  private static final double TOLERANCE = 1e-12;

  /** Fit result; {@code covariance} is the inverse Fisher information at the estimate. */
  record Result(
      double[] beta,
      double[] fitted,
      double[][] covariance,
      double logLikelihood,
      int iterations,
      boolean converged) {}

  private PoissonIrls() {}

  static Result fit(double[][] x, double[] y) {
    int n = x.length;
    int p = x[0].length;
    double[] mu = new double[n];
    double[] eta = new double[n];
    for (int i = 0; i < n; i++) {
      // Same start as R's glm for the Poisson family, so that zero cells have a finite log.
      mu[i] = y[i] + 0.1;
      eta[i] = Math.log(mu[i]);
    }
    double[] beta = new double[p];
    double deviance = deviance(y, mu);
    boolean converged = false;
    int iteration = 0;
    while (iteration < MAX_ITERATIONS && !converged) {
      iteration++;
      double[] z = new double[n];
      for (int i = 0; i < n; i++) {
        z[i] = eta[i] + (y[i] - mu[i]) / mu[i];
      }
      DecompositionSolver solver = choleskySolver(information(x, mu));
      if (solver == null) {
        return new Result(beta, mu, null, Double.NEGATIVE_INFINITY, iteration, false);
      }
      double[] rhs = new double[p];
      for (int i = 0; i < n; i++) {
        double wz = mu[i] * z[i];
        for (int j = 0; j < p; j++) {
          rhs[j] += x[i][j] * wz;
        }
      }
      beta = solver.solve(new ArrayRealVector(rhs, false)).toArray();
      for (int i = 0; i < n; i++) {
        double e = 0;
        for (int j = 0; j < p; j++) {
          e += x[i][j] * beta[j];
        }
        eta[i] = e;
        mu[i] = Math.exp(e);
      }
      double previous = deviance;
      deviance = deviance(y, mu);
      if (!Double.isFinite(deviance)) {
        return new Result(beta, mu, null, Double.NEGATIVE_INFINITY, iteration, false);
      }
      converged = Math.abs(deviance - previous) / (Math.abs(deviance) + 0.1) < TOLERANCE;
    }
    DecompositionSolver solver = choleskySolver(information(x, mu));
    if (solver == null) {
      return new Result(beta, mu, null, Double.NEGATIVE_INFINITY, iteration, false);
    }
    double[][] covariance = solver.getInverse().getData();
    return new Result(beta, mu, covariance, logLikelihood(y, mu), iteration, converged);
  }

  /** X' diag(mu) X, the Fisher information of the log-linear coefficients. */
  private static RealMatrix information(double[][] x, double[] mu) {
    int p = x[0].length;
    double[][] info = new double[p][p];
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      for (int j = 0; j < p; j++) {
        if (row[j] == 0) {
          continue;
        }
        double wj = mu[i] * row[j];
        for (int k = j; k < p; k++) {
          info[j][k] += wj * row[k];
        }
      }
    }
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < j; k++) {
        info[j][k] = info[k][j];
      }
    }
    return new Array2DRowRealMatrix(info, false);
  }

  private static DecompositionSolver choleskySolver(RealMatrix info) {
    try {
      return new CholeskyDecomposition(info, 1e-12, 1e-14).getSolver();
    } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
      return null;
    }
  }

  private static double deviance(double[] y, double[] mu) {
    double d = 0;
    for (int i = 0; i < y.length; i++) {
      d += (y[i] > 0 ? y[i] * Math.log(y[i] / mu[i]) : 0) - (y[i] - mu[i]);
    }
    return 2 * d;
  }

  static double logLikelihood(double[] y, double[] mu) {
    double l = 0;
    for (int i = 0; i < y.length; i++) {
      l += (y[i] > 0 ? y[i] * Math.log(mu[i]) : 0) - mu[i] - Gamma.logGamma(y[i] + 1);
    }
    return l;
  }
}
