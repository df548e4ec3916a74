package io.sente4j.core;

/**
 * A value could not be packed, or input could not be unpacked. The message names the packer, says what is wrong
 * and, for input, where: the byte offset (for text, the character offset) and, for text, the line and column.
 */
public class PackerException extends Sente4jException {
  private static final long serialVersionUID = 1L;

  private final String packer;
  private final String reason;
  private final long offset;
  private final int line;
  private final int column;

  /**
   * An error at a position in text input.
   *
   * @param packer the packer's name
   * @param reason what is wrong, without the position
   * @param offset the character offset from the start of the input, 0-based
   * @param line the line, 1-based
   * @param column the column, 1-based
   */
  public PackerException(String packer, String reason, long offset, int line, int column) {
    this(packer, reason, offset, line, column, null);
  }

  /**
   * An error at a position in text input, caused by another exception.
   *
   * @param packer the packer's name
   * @param reason what is wrong, without the position
   * @param offset the character offset from the start of the input, 0-based
   * @param line the line, 1-based
   * @param column the column, 1-based
   * @param cause the underlying exception
   */
  public PackerException(String packer, String reason, long offset, int line, int column, Throwable cause) {
    super(format(packer, reason, offset, line, column), cause);
    this.packer = packer;
    this.reason = reason;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }

  /**
   * An error at a byte offset in binary input.
   *
   * @param packer the packer's name
   * @param reason what is wrong, without the position
   * @param offset the byte offset from the start of the input, 0-based
   */
  public PackerException(String packer, String reason, long offset) {
    this(packer, reason, offset, -1, -1, null);
  }

  /**
   * An error with no position, such as a value the packer cannot write.
   *
   * @param packer the packer's name
   * @param reason what is wrong
   */
  public PackerException(String packer, String reason) {
    this(packer, reason, -1, -1, -1, null);
  }

  private static String format(String packer, String reason, long offset, int line, int column) {
    StringBuilder sb = new StringBuilder(packer).append(": ").append(reason);
    if (offset >= 0) {
      sb.append(" at offset ").append(offset);
      if (line > 0) {
        sb.append(" (line ").append(line).append(", column ").append(column).append(')');
      }
    }
    return sb.toString();
  }

  /** The name of the packer that failed. */
  public String packer() {
    return packer;
  }

  /** What is wrong, without the packer's name or the position. */
  public String reason() {
    return reason;
  }

  /** The 0-based offset of the fault in the input (bytes, or characters for text), or -1 when there is none. */
  public long offset() {
    return offset;
  }

  /** The 1-based line of the fault in text input, or -1. */
  public int line() {
    return line;
  }

  /** The 1-based column of the fault in text input, or -1. */
  public int column() {
    return column;
  }
}
