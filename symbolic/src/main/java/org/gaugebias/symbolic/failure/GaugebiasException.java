package org.gaugebias.symbolic.failure;

/**
 * The root of every failure a user can cause or meet: it says what kind it is (hence the exit
 * code), where (a {@code file:line:col}, a file, or empty when nothing on disk is at fault), and
 * its message says what is wrong and what to do. The command line prints it as one line,
 * {@code position: error: message}, without a stack trace.
 */
public abstract class GaugebiasException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected GaugebiasException(String message) {
    super(message);
  }

  protected GaugebiasException(String message, Throwable cause) {
    super(message, cause);
  }

  /** What kind of failure this is; decides the exit code. */
  public abstract FailureKind failure();

  /** {@code file:line:col}, a file name, or empty. */
  public abstract String position();
}
