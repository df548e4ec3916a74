package io.sente4j.core;

import java.util.List;

/**
 * {@link Packer#concatLists} for text formats, such as edn and JSON, that write a list as {@code [} and {@code ]}
 * around its elements with a separator between them.
 */
public final class PackedLists {
  private PackedLists() {}

  /**
   * Concatenates text lists each written exactly {@code [a<separator>b…]} (or {@code []}), with no whitespace around
   * the brackets.
   *
   * @param lists the packed lists
   * @param separator what the format writes between two elements of a list
   * @return the packed concatenation, or {@code null} if a payload is binary or not a list so written
   */
  public static Payload concatText(List<Payload> lists, String separator) {
    long length = 2;
    for (Payload p : lists) {
      if (!(p instanceof Payload.Text t) || !bracketed(t.text())) {
        return null;
      }
      length += t.text().length() - 2 + separator.length();
    }
    if (length > Integer.MAX_VALUE - 8) {
      return null;
    }
    StringBuilder joined = new StringBuilder((int) length).append('[');
    boolean first = true;
    for (Payload p : lists) {
      String text = ((Payload.Text) p).text();
      if (text.length() == 2) {
        continue; // an empty list adds nothing, and no separator
      }
      if (!first) {
        joined.append(separator);
      }
      joined.append(text, 1, text.length() - 1);
      first = false;
    }
    return Payload.text(joined.append(']').toString());
  }

  private static boolean bracketed(String text) {
    return text.length() >= 2 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']';
  }
}
