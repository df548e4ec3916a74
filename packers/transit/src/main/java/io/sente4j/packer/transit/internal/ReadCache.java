package io.sente4j.packer.transit.internal;

/**
 * Transit's read cache, as the format defines it and transit-java implements it: within one payload, each cacheable
 * string (a map key of four or more characters, or a keyword, symbol or tag string {@code "~:"}, {@code "~$"},
 * {@code "~#"} of four or more) gets the next of 1,936 slots in order of appearance, and a later {@code "^"} code
 * (one or two base-44 digits from {@code '0'}) names the slot. When the slots run out both sides start again at 0.
 * The cache is bounded by construction, so a peer cannot grow it; what its references stand for the reader bounds
 * ({@link io.sente4j.core.internal.CacheExpansion}), charging each the {@link #length} of the string it names.
 */
final class ReadCache {
  static final int MIN_SIZE_CACHEABLE = 4;
  static final int CODE_DIGITS = 44;
  static final int MAX_ENTRIES = CODE_DIGITS * CODE_DIGITS;
  private static final int BASE_CHAR = 48;

  private final Object[] slots = new Object[MAX_ENTRIES];
  /** The length of the string each slot's value was read from. */
  private final int[] lengths = new int[MAX_ENTRIES];
  private int next;
  private boolean wrapped;

  /** Whether {@code s} takes a slot when read. */
  static boolean isCacheable(String s, boolean asMapKey) {
    return s.length() >= MIN_SIZE_CACHEABLE && (asMapKey
        || (s.charAt(0) == '~' && (s.charAt(1) == ':' || s.charAt(1) == '$' || s.charAt(1) == '#')));
  }

  /** Whether {@code s} is a cache reference: {@code ^} and anything but a space (which marks a map as an array). */
  static boolean isReference(String s) {
    return s.length() > 0 && s.charAt(0) == '^' && !s.equals("^ ");
  }

  /** Takes the next slot for the value {@code v} read from the cacheable string {@code s}. */
  void add(Object v, String s) {
    if (next == MAX_ENTRIES) {
      next = 0;
      wrapped = true;
    }
    lengths[next] = s.length();
    slots[next++] = v;
  }

  /**
   * The slot a reference names.
   *
   * @throws IllegalArgumentException if {@code ref} is not a well-formed code or names a slot not yet filled
   */
  int slot(String ref) {
    int index = index(ref);
    if (index < 0 || index >= (wrapped ? MAX_ENTRIES : next)) {
      throw new IllegalArgumentException("cache reference \"" + ref + "\" names no value read before it");
    }
    return index;
  }

  /** The value in a slot {@link #slot} named. */
  Object value(int slot) {
    return slots[slot];
  }

  /** The length of the string the value in a slot {@link #slot} named was read from. */
  int length(int slot) {
    return lengths[slot];
  }

  private static int index(String ref) {
    if (ref.length() == 2) {
      return digit(ref.charAt(1));
    }
    if (ref.length() == 3) {
      int hi = digit(ref.charAt(1));
      int lo = digit(ref.charAt(2));
      return hi <= 0 || lo < 0 ? -1 : hi * CODE_DIGITS + lo;
    }
    return -1;
  }

  private static int digit(char c) {
    int d = c - BASE_CHAR;
    return d >= 0 && d < CODE_DIGITS ? d : -1;
  }
}
