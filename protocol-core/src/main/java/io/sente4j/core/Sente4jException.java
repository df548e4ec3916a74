package io.sente4j.core;

/**
 * The root of every exception sente4j throws. Unchecked, so it never leaks through a callback signature.
 * Subclasses carry the detail a user needs to find the fault: the frame, the byte offset, the limit.
 */
public class Sente4jException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public Sente4jException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the exception that caused it. */
  public Sente4jException(String message, Throwable cause) {
    super(message, cause);
  }
}
