package io.sente4j.core.internal;

import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;

/**
 * Bounds what the cache references of one payload may stand for. Transit's read cache and the MessagePack packer's
 * map-key cache let a few bytes stand for a string read earlier, and the reader hands out that same string each
 * time: a 1 MiB payload of one 400,000-character key and 40,000 three-byte references to it reads in a fraction of
 * a second into a value of 16 billion characters, which the first {@code toString}, log line or re-packing into
 * another format (a server relaying it to an edn client) then tries to build, and runs out of memory.
 *
 * <p>So each reference is charged the size of the text it stands for, and a payload's references may stand for at
 * most {@link PackerLimits#maxCacheExpansion()} times {@link PackerLimits#maxInputBytes()} in all: a value read is
 * then at most that much larger than its limit. Caches that serve their purpose, repeated map keys and keywords, stay
 * far below it: a reference costs 3 to 5 bytes, so reaching the default bound (16) takes keys some 50 to 80 bytes
 * long and a payload of almost nothing but references to them.
 */
public final class CacheExpansion {
  private final int factor;
  private final long max;
  private final String unit;
  private long used;

  /**
   * The budget of one payload.
   *
   * @param limits the packer's limits: the budget is {@code maxCacheExpansion} times {@code maxInputBytes}
   * @param unit what sizes are counted in, for the message: {@code "characters"} or {@code "bytes"}
   */
  public CacheExpansion(PackerLimits limits, String unit) {
    this.factor = limits.maxCacheExpansion();
    this.max = (long) factor * limits.maxInputBytes();
    this.unit = unit;
  }

  /** Charges one reference that stands for {@code size} units; false once the references stand for too much. */
  public boolean charge(long size) {
    used += size;
    return used <= max;
  }

  /**
   * The error a reader throws when {@link #charge} refuses, saying {@link #refusal}.
   *
   * @param packer the packer's name
   * @param offset where the refused reference starts, or -1
   * @param line its 1-based line, or -1
   * @param column its 1-based column, or -1
   */
  public PackerLimitException refused(String packer, long offset, int line, int column) {
    return new PackerLimitException(packer, Limit.CACHE_EXPANSION, factor, refusal(), offset, line, column);
  }

  /** The reason a reader gives when {@link #charge} refuses. */
  public String refusal() {
    return "cache references that stand for more than " + max + " " + unit + " in all (" + factor
        + " times PackerLimits.maxInputBytes; see maxCacheExpansion): a value that large from so small an input is "
        + "refused";
  }
}
