package io.sente4j.core;

/** Input (or a value being packed) went past one of the {@link PackerLimits}. */
public class PackerLimitException extends PackerException {
  private static final long serialVersionUID = 1L;

  /** Which limit was exceeded. */
  public enum Limit {
    /** {@link PackerLimits#maxDepth()}. */
    DEPTH,
    /** {@link PackerLimits#maxInputBytes()}. */
    INPUT_BYTES,
    /** {@link PackerLimits#maxCollectionSize()}. */
    COLLECTION_SIZE,
    /** {@link PackerLimits#maxKeysPerHashCode()}. */
    KEYS_PER_HASH_CODE,
    /**
     * {@link PackerLimits#maxCacheExpansion()}: {@link #limitValue()} is that factor, the reason says what it comes
     * to in bytes or characters for the input limit.
     */
    CACHE_EXPANSION
  }

  private final Limit limit;
  private final long limitValue;

  /**
   * A limit exceeded at a position in text input.
   *
   * @param packer the packer's name
   * @param limit the limit
   * @param limitValue the configured value of the limit
   * @param offset the character offset, or -1
   * @param line the 1-based line, or -1
   * @param column the 1-based column, or -1
   */
  public PackerLimitException(String packer, Limit limit, long limitValue, long offset, int line, int column) {
    this(packer, limit, limitValue, describe(limit, limitValue), offset, line, column);
  }

  /**
   * A limit exceeded, in the reader's own words (what the input held, and why that is refused).
   *
   * @param packer the packer's name
   * @param limit the limit
   * @param limitValue the configured value of the limit
   * @param reason what went past the limit, naming the {@link PackerLimits} option
   * @param offset the character or byte offset, or -1
   * @param line the 1-based line, or -1
   * @param column the 1-based column, or -1
   */
  public PackerLimitException(String packer, Limit limit, long limitValue, String reason, long offset, int line,
      int column) {
    super(packer, reason, offset, line, column);
    this.limit = limit;
    this.limitValue = limitValue;
  }

  /**
   * A limit exceeded at a byte offset in binary input, or (offset -1) while packing.
   *
   * @param packer the packer's name
   * @param limit the limit
   * @param limitValue the configured value of the limit
   * @param offset the byte offset, or -1
   */
  public PackerLimitException(String packer, Limit limit, long limitValue, long offset) {
    this(packer, limit, limitValue, offset, -1, -1);
  }

  private static String describe(Limit limit, long value) {
    switch (limit) {
      case DEPTH:
        return "nesting deeper than the limit of " + value + " (PackerLimits.maxDepth)";
      case INPUT_BYTES:
        return "input larger than the limit of " + value + " bytes (PackerLimits.maxInputBytes)";
      case COLLECTION_SIZE:
        return "collection larger than the limit of " + value + " elements (PackerLimits.maxCollectionSize)";
      case KEYS_PER_HASH_CODE:
        return "more than " + value + " keys of one map or elements of one set share one hash code"
            + " (PackerLimits.maxKeysPerHashCode)";
      default:
        return "cache references that stand for more than " + value + " times the input limit"
            + " (PackerLimits.maxCacheExpansion)";
    }
  }

  /** Which limit was exceeded. */
  public Limit limit() {
    return limit;
  }

  /** The configured value of that limit. */
  public long limitValue() {
    return limitValue;
  }
}
