package io.sente4j.core;

import java.util.List;

/** No packer of the requested name is on the class path; the message lists those that are. */
public class UnknownPackerException extends Sente4jException {
  private static final long serialVersionUID = 1L;

  private final String requested;
  private final List<String> available;

  /**
   * Creates the exception.
   *
   * @param requested the name asked for
   * @param available the names that are registered
   */
  public UnknownPackerException(String requested, List<String> available) {
    super("no packer named \"" + requested + "\"; available: "
        + (available.isEmpty() ? "none (is a packer artifact on the class path?)" : String.join(", ", available)));
    this.requested = requested;
    this.available = List.copyOf(available);
  }

  /** The name that was asked for. */
  public String requested() {
    return requested;
  }

  /** The names that are registered, sorted. */
  public List<String> available() {
    return available;
  }
}
