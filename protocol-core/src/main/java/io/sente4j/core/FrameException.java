package io.sente4j.core;

import io.sente4j.core.internal.Preview;

/**
 * A payload unpacked, but is not a frame the protocol allows in that direction and exchange; or it did not unpack
 * at all ({@link Reason#UNPACKABLE}, with the {@link PackerException} as the cause). The message says what was
 * expected and shows the offending value, cut to a readable length.
 */
public class FrameException extends Sente4jException {
  private static final long serialVersionUID = 1L;

  /** Why a frame was rejected. */
  public enum Reason {
    /** The packer could not read the payload; see the cause. */
    UNPACKABLE,
    /** Not a vector of one or two elements. */
    MALFORMED_FRAME,
    /** An event that is not {@code [namespaced-keyword]} or {@code [namespaced-keyword data]}. */
    BAD_EVENT,
    /** An event in the reserved {@code chsk} namespace where the sender may not use one. */
    RESERVED_EVENT,
    /** A callback id that is not a string. */
    BAD_CALLBACK_ID,
    /** A well-formed value that is no frame kind this direction and exchange carry. */
    UNEXPECTED_PAYLOAD
  }

  private static final int MAX_SHOWN = 200;

  private final Reason reason;
  private final Direction direction;
  private final Via via;

  /**
   * Creates the exception.
   *
   * @param reason why the frame was rejected
   * @param direction who sent it
   * @param via the exchange it travelled in
   * @param detail what was expected, in words
   * @param offending the offending value, shown cut to 200 characters, or {@code null}
   * @param cause the underlying exception, or {@code null}
   */
  public FrameException(Reason reason, Direction direction, Via via, String detail, Object offending,
      Throwable cause) {
    super(format(reason, direction, via, detail, offending), cause);
    this.reason = reason;
    this.direction = direction;
    this.via = via;
  }

  private static String format(Reason reason, Direction direction, Via via, String detail, Object offending) {
    StringBuilder sb = new StringBuilder("bad frame ")
        .append(direction == Direction.FROM_CLIENT ? "from client" : "from server")
        .append(" via ").append(via).append(" (").append(reason).append("): ").append(detail);
    if (offending != null) {
      sb.append(": ").append(Preview.of(offending, MAX_SHOWN));
    }
    return sb.toString();
  }

  /** Why the frame was rejected. */
  public Reason reason() {
    return reason;
  }

  /** Who sent the frame. */
  public Direction direction() {
    return direction;
  }

  /** The exchange the frame travelled in. */
  public Via via() {
    return via;
  }
}
