package io.sente4j.core;

/** The outcome <i>timeout</i>: no reply within the request's timeout, or the server replied {@code :chsk/timeout}. */
public class ReplyTimeoutException extends ReplyFailedException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public ReplyTimeoutException(String message) {
    super(message);
  }

  /** {@link Chsk#TIMEOUT}. */
  @Override
  public Keyword outcome() {
    return Chsk.TIMEOUT;
  }
}
