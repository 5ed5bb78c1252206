package org.victimmonitor.estimate;

/** How the two-list interactions of the log-linear model are chosen. */
public enum SelectionMethod {
  /** No interactions: the lists are assumed independent given the population. */
  MAIN,
  /**
   * SparseMSE's forward stepwise search: add the interaction whose observed overlap is least likely
   * under the current model, while that p-value is below the threshold and the enlarged model's
   * estimate exists and is identifiable.
   */
  STEPWISE,
  /**
   * The model with the lowest BIC among models whose estimate exists and is identifiable: every
   * subset of interactions for up to five lists, a forward search beyond.
   */
  BIC,
  /**
   * No search: the interactions the analyst names (from what is known about how the lists refer
   * people to each other), fitted when the model's estimate exists and is identifiable.
   */
  GIVEN
}
