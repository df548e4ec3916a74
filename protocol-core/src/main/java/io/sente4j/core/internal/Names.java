package io.sente4j.core.internal;

/**
 * The character rules for keyword and symbol names, shared by {@code Keyword}, {@code Symbol} and the edn reader so
 * that every name the data model accepts is one the edn writer can print and the edn reader can read back.
 *
 * <p>The rules follow the edn specification, read liberally where Clojure's edn reader is liberal: any Unicode letter
 * or digit is a constituent, as are {@code . * + ! - _ ? $ % & = < >} and, after the first character, {@code : # '}.
 * No part starts with a digit (clojure.edn cannot read {@code :1a}); a keyword part may start with {@code -}, {@code
 * +} or {@code .} followed by a digit ({@code :-1}), which clojure.edn reads, while a symbol part may not, since
 * {@code -1} reads as a number.
 */
public final class Names {
  private Names() {}

  /** Whether {@code c} may appear somewhere in a name or namespace. */
  public static boolean isConstituent(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || ".*+!-_?$%&=<>:#'".indexOf(c) >= 0;
    }
    return Character.isLetterOrDigit(c);
  }

  /**
   * Checks one part (the namespace or the name) of a keyword or symbol.
   *
   * @return {@code null} when the part is legal, otherwise the reason it is not
   */
  public static String problem(String part, boolean keyword) {
    if (part.isEmpty()) {
      return "is empty";
    }
    char first = part.charAt(0);
    if (first == ':' || first == '#' || first == '\'') {
      return "starts with '" + first + "'";
    }
    if (first >= '0' && first <= '9') {
      return "starts with a digit";
    }
    if (!keyword) {
      if ((first == '-' || first == '+' || first == '.') && part.length() > 1) {
        char second = part.charAt(1);
        if (second >= '0' && second <= '9') {
          return "starts with '" + first + "' followed by a digit, which reads as a number";
        }
      }
    }
    // clojure.edn refuses these two, so the data model does too: what we write, Clojure must read.
    if (part.endsWith(":")) {
      return "ends with ':'";
    }
    if (part.contains("::")) {
      return "contains \"::\"";
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (!isConstituent(c)) {
        return "contains " + describe(c) + " at index " + i;
      }
    }
    return null;
  }

  private static String describe(char c) {
    if (c == '/') {
      return "'/'";
    }
    if (c < 0x20 || c == 0x7f || Character.isWhitespace(c)) {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}
