package org.victimmonitor.common;

/**
 * The engine did not finish the job: the pipeline failed, was cancelled, or the cluster could not
 * be reached. Nothing was published; running the same command again is the remedy once the cause
 * (see the engine's logs) is gone. The message names the engine and the job, never record contents:
 * the causes of a failed job can quote data, so only their class names are kept in the message.
 */
public class JobFailedException extends RuntimeException {
  public JobFailedException(String message) {
    super(message);
  }

  /**
   * The class names of {@code t} and its causes, outermost first, and the message of the innermost
   * cause only when Flink itself threw it (its top frame is in {@code org.apache.flink}: a lost
   * TaskManager, too few network buffers); a message from the job's own code or a library it calls
   * can quote a value, so it is left out.
   */
  public static String causeClasses(Throwable t) {
    StringBuilder b = new StringBuilder();
    int depth = 0;
    Throwable last = t;
    for (Throwable c = t; c != null && depth < 12; c = c.getCause(), depth++) {
      if (b.length() > 0) {
        b.append(" < ");
      }
      b.append(c.getClass().getName());
      last = c;
    }
    StackTraceElement[] frames = last.getStackTrace();
    String message = last.getMessage();
    if (message != null
        && frames.length > 0
        && frames[0].getClassName().startsWith("org.apache.flink.")) {
      String m = message.replaceAll("\\s+", " ").strip();
      b.append(" (Flink: ").append(m.length() > 300 ? m.substring(0, 300) + "…" : m).append(")");
    }
    return b.toString();
  }
}
