package org.victimmonitor.common;

/**
 * An input the user can fix: a missing or unreadable file, a malformed row, too many rejected rows.
 * The message names the file (and the row where there is one) and says what to do; it never quotes
 * record contents.
 */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
