package io.sente4j.core;

/**
 * The outcome <i>closed</i>: the request was made while the client was not open (and could not be held), or the
 * connection closed before the reply came, or the server replied {@code :chsk/closed}.
 */
public class ReplyClosedException extends ReplyFailedException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public ReplyClosedException(String message) {
    super(message);
  }

  /** {@link Chsk#CLOSED}. */
  @Override
  public Keyword outcome() {
    return Chsk.CLOSED;
  }
}
