package org.victimmonitor.estimate;

import org.victimmonitor.common.BadInputException;

/**
 * The table is well formed, but the requested model has no usable estimate on it: the
 * maximum-likelihood estimate does not exist, the parameters are not identifiable, or the fit did
 * not converge. The message says which, and what the user can do about it.
 */
public class NoEstimateException extends BadInputException {
  public NoEstimateException(String message) {
    super(message);
  }
}
