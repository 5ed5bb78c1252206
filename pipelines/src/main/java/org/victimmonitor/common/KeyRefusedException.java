package org.victimmonitor.common;

/** A linkage key file that must not be used: readable by others, wrong size, wrong key. */
public class KeyRefusedException extends RuntimeException {
  public KeyRefusedException(String message) {
    super(message);
  }
}
