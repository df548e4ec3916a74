package io.sente4j.packer.json.internal;

/** The JSON packer's fixed limits: those that are part of its format rather than of {@link io.sente4j.core.PackerLimits}. */
final class JsonLimits {
  /**
   * The most characters one number may take, sign, point and exponent included, in either direction. Converting a
   * number of {@code n} digits costs more than linear time, so a peer must not be able to send a million of them.
   */
  static final int MAX_NUMBER_LENGTH = 1000;

  /**
   * The deepest collection that the writer and reader walk by recursion, which is the fastest way to walk a tree:
   * a few hundred small frames fit any thread's stack, and the default depth limit of 128 stays below it. Deeper
   * collections (possible only with a higher {@link io.sente4j.core.PackerLimits#maxDepth()}) are walked with a
   * stack of their own, so that no depth limit can overflow the thread's stack.
   */
  static final int RECURSION_LIMIT = 256;

  private JsonLimits() {}
}
