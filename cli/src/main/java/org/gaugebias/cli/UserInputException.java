package org.gaugebias.cli;

/** A command-line value that parses but makes no sense (a bad --at point, say). */
final class UserInputException extends RuntimeException {
  UserInputException(String message) {
    super(message);
  }
}
