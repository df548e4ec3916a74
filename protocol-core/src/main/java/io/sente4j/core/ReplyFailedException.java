package io.sente4j.core;

/**
 * A request that asked for a reply ended without one (PROTOCOL.md §9.1). The subclass says which outcome: {@link
 * ReplyClosedException}, {@link ReplyTimeoutException} or {@link ReplyErrorException}. A reply equal to Sente's
 * failure keyword ({@code :chsk/closed}, {@code :chsk/timeout}, {@code :chsk/error}) ends the request with the
 * matching exception too.
 */
public abstract class ReplyFailedException extends Sente4jException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  protected ReplyFailedException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  protected ReplyFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Sente's keyword for this outcome: {@link Chsk#CLOSED}, {@link Chsk#TIMEOUT} or {@link Chsk#ERROR}. */
  public abstract Keyword outcome();
}
