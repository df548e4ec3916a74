package io.sente4j.core;

/**
 * The limits a packer enforces while reading, so that a hostile or broken peer gets a clear {@link
 * PackerLimitException} instead of a stack overflow, an unbounded allocation or a hang. Writing enforces
 * {@link #maxDepth()} too, so a cyclic or absurdly deep value fails cleanly.
 *
 * <p>Defaults: nesting depth 128, input 1 MiB, 100,000 elements per collection. Depth counts collections and tagged
 * values from the outermost one, which is depth 1: in the frame {@code [[:a/b {:k [1]}] nil]} the innermost vector
 * is at depth 4.
 *
 * @param maxDepth the deepest nesting of collections and tagged values allowed, from 1 to {@link
 *     #MAX_DEPTH_CEILING}
 * @param maxInputBytes the largest input accepted, in bytes (for text: UTF-8 bytes), at least 1
 * @param maxCollectionSize the most elements (map entries count once) one collection may hold, at least 0
 */
public record PackerLimits(int maxDepth, int maxInputBytes, int maxCollectionSize) {
  /** The default nesting depth. */
  public static final int DEFAULT_MAX_DEPTH = 128;
  /** The default input size, 1 MiB. */
  public static final int DEFAULT_MAX_INPUT_BYTES = 1 << 20;
  /**
   * The highest {@link #maxDepth()} allowed. The depth limit is also what stops a cyclic value while packing; a
   * ceiling keeps that stop within a bounded amount of memory.
   */
  public static final int MAX_DEPTH_CEILING = 100_000;
  /** The default collection size. */
  public static final int DEFAULT_MAX_COLLECTION_SIZE = 100_000;

  private static final PackerLimits DEFAULTS =
      new PackerLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_COLLECTION_SIZE);

  /** Checks each limit is in range. */
  public PackerLimits {
    if (maxDepth < 1 || maxDepth > MAX_DEPTH_CEILING) {
      throw new IllegalArgumentException("maxDepth must be from 1 to " + MAX_DEPTH_CEILING + ", was " + maxDepth);
    }
    if (maxInputBytes < 1) {
      throw new IllegalArgumentException("maxInputBytes must be at least 1, was " + maxInputBytes);
    }
    if (maxCollectionSize < 0) {
      throw new IllegalArgumentException("maxCollectionSize must not be negative, was " + maxCollectionSize);
    }
  }

  /** The defaults. */
  public static PackerLimits defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** A builder starting from these limits. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link PackerLimits}. */
  public static final class Builder {
    private int maxDepth;
    private int maxInputBytes;
    private int maxCollectionSize;

    private Builder(PackerLimits from) {
      this.maxDepth = from.maxDepth;
      this.maxInputBytes = from.maxInputBytes;
      this.maxCollectionSize = from.maxCollectionSize;
    }

    /** Sets the deepest nesting allowed. */
    public Builder maxDepth(int maxDepth) {
      this.maxDepth = maxDepth;
      return this;
    }

    /** Sets the largest input accepted, in bytes. */
    public Builder maxInputBytes(int maxInputBytes) {
      this.maxInputBytes = maxInputBytes;
      return this;
    }

    /** Sets the most elements one collection may hold. */
    public Builder maxCollectionSize(int maxCollectionSize) {
      this.maxCollectionSize = maxCollectionSize;
      return this;
    }

    /** Builds the limits. */
    public PackerLimits build() {
      return new PackerLimits(maxDepth, maxInputBytes, maxCollectionSize);
    }
  }
}
