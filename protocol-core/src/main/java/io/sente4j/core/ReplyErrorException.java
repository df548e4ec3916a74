package io.sente4j.core;

/**
 * The outcome <i>error</i>: the send failed (the transport could not write it, or the packer could not pack it; see
 * the cause), or the server replied {@code :chsk/error}.
 */
public class ReplyErrorException extends ReplyFailedException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public ReplyErrorException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the failure that caused it. */
  public ReplyErrorException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@link Chsk#ERROR}. */
  @Override
  public Keyword outcome() {
    return Chsk.ERROR;
  }
}
