package io.sente4j.core;

/**
 * The limits a packer enforces while reading, so that a hostile or broken peer gets a clear {@link
 * PackerLimitException} instead of a stack overflow, an unbounded allocation or a hang. Writing enforces
 * {@link #maxDepth()} too, so a cyclic or absurdly deep value fails cleanly.
 *
 * <p>Defaults: nesting depth 128, input 1 MiB, 100,000 elements per collection, 64 keys of one map (or elements of
 * one set) sharing a hash code, cache references standing for 16 times the input. Depth counts collections and
 * tagged values from the outermost one, which is depth 1: in the frame {@code [[:a/b {:k [1]}] nil]} the innermost
 * vector is at depth 4.
 *
 * <p>The last two bound what a small input can cost once read. Java's hash maps compare keys that share a hash code
 * one by one when they are not mutually {@code Comparable} (lists, maps, sets as keys), so a peer that chooses such
 * keys ({@code [i, 31 * (k - i)]} has one {@code List.hashCode} for every {@code i}) makes a map take time in the
 * square of their number: a 250 KB edn map of 16,000 of them took 20 s to read. Ordinary data shares a hash code a
 * few keys at a time (the densest grid of small {@code [x y]} keys within the other defaults, some 55). And the
 * caches of Transit and of the MessagePack packer let a 3-byte reference stand for a string read earlier: without a
 * bound a 1 MiB payload read into a value of 16 billion characters, which the first log line or re-packing could not
 * build.
 *
 * @param maxDepth the deepest nesting of collections and tagged values allowed, from 1 to {@link
 *     #MAX_DEPTH_CEILING}
 * @param maxInputBytes the largest input accepted, in bytes (for text: UTF-8 bytes), at least 1
 * @param maxCollectionSize the most elements (map entries count once) one collection may hold, at least 0
 * @param maxKeysPerHashCode the most keys of one map, or elements of one set, that may share one {@code hashCode},
 *     at least 1
 * @param maxCacheExpansion how many times {@code maxInputBytes} the cache references of one input may stand for in
 *     all (Transit's read cache, the MessagePack map-key cache; other formats have none), at least 1
 */
public record PackerLimits(int maxDepth, int maxInputBytes, int maxCollectionSize, int maxKeysPerHashCode,
    int maxCacheExpansion) {
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
  /**
   * The default for keys sharing a hash code: a 1 MiB frame of 64-key groups reads in about the time of the densest
   * ordinary data (a second or two), where 256 took some 4 s.
   */
  public static final int DEFAULT_MAX_KEYS_PER_HASH_CODE = 64;
  /** The default cache expansion: a reference costs 3 to 5 bytes, so caches used for repeated keys stay far below. */
  public static final int DEFAULT_MAX_CACHE_EXPANSION = 16;

  private static final PackerLimits DEFAULTS = new PackerLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_BYTES,
      DEFAULT_MAX_COLLECTION_SIZE, DEFAULT_MAX_KEYS_PER_HASH_CODE, DEFAULT_MAX_CACHE_EXPANSION);

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
    if (maxKeysPerHashCode < 1) {
      throw new IllegalArgumentException("maxKeysPerHashCode must be at least 1, was " + maxKeysPerHashCode);
    }
    if (maxCacheExpansion < 1) {
      throw new IllegalArgumentException("maxCacheExpansion must be at least 1, was " + maxCacheExpansion);
    }
  }

  /**
   * The given depth, input and collection limits, with the defaults for the hash-code and cache-expansion bounds.
   *
   * @throws IllegalArgumentException if a limit is out of range
   */
  public PackerLimits(int maxDepth, int maxInputBytes, int maxCollectionSize) {
    this(maxDepth, maxInputBytes, maxCollectionSize, DEFAULT_MAX_KEYS_PER_HASH_CODE, DEFAULT_MAX_CACHE_EXPANSION);
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
    private int maxKeysPerHashCode;
    private int maxCacheExpansion;

    private Builder(PackerLimits from) {
      this.maxDepth = from.maxDepth;
      this.maxInputBytes = from.maxInputBytes;
      this.maxCollectionSize = from.maxCollectionSize;
      this.maxKeysPerHashCode = from.maxKeysPerHashCode;
      this.maxCacheExpansion = from.maxCacheExpansion;
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

    /** Sets the most keys of one map, or elements of one set, that may share one hash code. */
    public Builder maxKeysPerHashCode(int maxKeysPerHashCode) {
      this.maxKeysPerHashCode = maxKeysPerHashCode;
      return this;
    }

    /** Sets how many times the input limit the cache references of one input may stand for. */
    public Builder maxCacheExpansion(int maxCacheExpansion) {
      this.maxCacheExpansion = maxCacheExpansion;
      return this;
    }

    /**
     * Builds the limits.
     *
     * @throws IllegalArgumentException if a limit is out of range
     */
    public PackerLimits build() {
      return new PackerLimits(maxDepth, maxInputBytes, maxCollectionSize, maxKeysPerHashCode, maxCacheExpansion);
    }
  }
}
