package io.sente4j.demo.chat;

/** The rule for user names: letters, digits, {@code -}, {@code _} and {@code .}, from 1 to a maximum of characters. */
final class UserNames {
  private UserNames() {}

  /**
   * The name, stripped of surrounding blanks, if it follows the rule.
   *
   * @throws IllegalArgumentException saying what is wrong, in words fit for the login page
   */
  static String check(String raw, int maxChars) {
    String name = raw == null ? "" : raw.strip();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("Enter a user name.");
    }
    int length = name.codePointCount(0, name.length());
    if (length > maxChars) {
      throw new IllegalArgumentException("A user name has at most " + maxChars + " characters; this one has "
          + length + ".");
    }
    name.codePoints().forEach(c -> {
      if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.') {
        throw new IllegalArgumentException("A user name has letters, digits, '-', '_' and '.' only, not '"
            + Character.toString(c) + "'.");
      }
    });
    return name;
  }
}
