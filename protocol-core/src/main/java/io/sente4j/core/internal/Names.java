package io.sente4j.core.internal;

/**
 * The character rules for keyword and symbol names, shared by {@code Keyword}, {@code Symbol} and the edn reader so
 * that every name the data model accepts is one the edn writer can print and Clojure's readers can read back
 * ({@code spec/PROTOCOL.md} §2.3).
 *
 * <p>The rules follow the edn specification, read liberally where Clojure's readers are liberal: any Unicode letter
 * or digit ({@link Character#isLetterOrDigit(int)}, so a supplementary letter such as {@code 𠀀} counts) is a
 * constituent, as are {@code . * + ! - _ ? $ % & = < >} and, after the first character, {@code : # '}. Leading
 * digits depend on the position:
 *
 * <ul>
 *   <li>a keyword's namespace, and the name of a keyword without a namespace, may start with a digit ({@code :1},
 *       {@code :2024}, {@code :3d/model}), since Clojure's readers read them;
 *   <li>the name of a keyword that has a namespace may not start with a digit of any script ({@link
 *       Character#isDigit(int)}): Clojure refuses {@code :a/1b}, and tools.reader also a non-ASCII digit there;
 *   <li>no symbol part starts with a digit of any script, or with {@code -}, {@code +} or {@code .} followed by one,
 *       since those read as numbers. A keyword part may ({@code :-1}, {@code :a/-1}).
 * </ul>
 */
public final class Names {
  private Names() {}

  /**
   * Whether {@code c} may appear somewhere in a name or namespace. A surrogate {@code char} is no constituent on its
   * own; use {@link #isConstituent(int)} with the code point of a surrogate pair.
   */
  public static boolean isConstituent(char c) {
    return isConstituent((int) c);
  }

  /** Whether the code point {@code codePoint} may appear somewhere in a name or namespace. */
  public static boolean isConstituent(int codePoint) {
    if (codePoint < 128) {
      return (codePoint >= 'a' && codePoint <= 'z') || (codePoint >= 'A' && codePoint <= 'Z')
          || (codePoint >= '0' && codePoint <= '9') || ".*+!-_?$%&=<>:#'".indexOf(codePoint) >= 0;
    }
    return Character.isLetterOrDigit(codePoint);
  }

  /**
   * Checks one part of a keyword or symbol that does not follow a namespace: a namespace, or a name without one.
   *
   * @return {@code null} when the part is legal, otherwise the reason it is not
   */
  public static String problem(String part, boolean keyword) {
    return problem(part, keyword, false);
  }

  /**
   * Checks one part (the namespace or the name) of a keyword or symbol.
   *
   * @param part the namespace or the name
   * @param keyword whether the part belongs to a keyword (otherwise to a symbol)
   * @param afterNamespace whether the part is the name of a keyword or symbol that has a namespace
   * @return {@code null} when the part is legal, otherwise the reason it is not
   */
  public static String problem(String part, boolean keyword, boolean afterNamespace) {
    if (part.isEmpty()) {
      return "is empty";
    }
    char first = part.charAt(0);
    if (first == ':' || first == '#' || first == '\'') {
      return "starts with '" + first + "'";
    }
    if ((!keyword || afterNamespace) && Character.isDigit(part.codePointAt(0))) {
      return "starts with a digit";
    }
    if (!keyword && (first == '-' || first == '+' || first == '.') && part.length() > 1
        && Character.isDigit(part.codePointAt(1))) {
      return "starts with '" + first + "' followed by a digit, which reads as a number";
    }
    // clojure.edn refuses these two, so the data model does too: what we write, Clojure must read.
    if (part.endsWith(":")) {
      return "ends with ':'";
    }
    if (part.contains("::")) {
      return "contains \"::\"";
    }
    for (int i = 0; i < part.length(); ) {
      int cp = part.codePointAt(i);
      if (!isConstituent(cp)) {
        return "contains " + describe(cp) + " at index " + i;
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  private static String describe(int cp) {
    if (cp == '/') {
      return "'/'";
    }
    int type = Character.getType(cp);
    if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
        || type == Character.SURROGATE || type == Character.FORMAT || type == Character.UNASSIGNED
        || type == Character.PRIVATE_USE) {
      return String.format("U+%04X", cp);
    }
    return "'" + new String(Character.toChars(cp)) + "'";
  }

  /** Orders qualified names: without a namespace first, then by namespace, then by name. */
  public static int compare(String namespace, String name, String otherNamespace, String otherName) {
    if (namespace == null || otherNamespace == null) {
      if (namespace != otherNamespace) {
        return namespace == null ? -1 : 1;
      }
    } else {
      int c = namespace.compareTo(otherNamespace);
      if (c != 0) {
        return c;
      }
    }
    return name.compareTo(otherName);
  }
}
