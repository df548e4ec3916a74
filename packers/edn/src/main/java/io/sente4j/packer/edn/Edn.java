package io.sente4j.packer.edn;

import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimits;
import io.sente4j.packer.edn.internal.EdnReader;
import io.sente4j.packer.edn.internal.EdnWriter;

/**
 * Reads and writes edn text directly, for tools that show or take values (a command line, a log line, a test), with
 * {@link PackerLimits#defaults()}. It is the {@link EdnPacker}'s reader and writer without the {@link
 * io.sente4j.core.Payload} around them.
 *
 * <pre>{@code
 * Object v = Edn.read("{:n 1, :s \"hello\"}");   // {Keyword n=1, Keyword s="hello"}
 * String s = Edn.write(v);                        // {:n 1, :s "hello"}
 * }</pre>
 */
public final class Edn {
  private Edn() {}

  /**
   * Reads exactly one edn element.
   *
   * @throws PackerException if {@code text} is not exactly one element, or passes a default limit (the input limit
   *     is not applied: the text is already in memory)
   */
  public static Object read(String text) {
    char[] chars = text.toCharArray();
    return EdnReader.read(chars, chars.length, PackerLimits.defaults(), null);
  }

  /**
   * Writes a value of the data model as edn text, exactly as the {@link EdnPacker} packs it.
   *
   * @throws PackerException if the value is outside the packer's domain or nests deeper than the default limit
   */
  public static String write(Object value) {
    return EdnWriter.write(value, PackerLimits.defaults().maxDepth());
  }
}
