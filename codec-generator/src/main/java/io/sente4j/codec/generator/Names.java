package io.sente4j.codec.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.SourceVersion;

/** Turns Java and event names into one another: kebab case for keywords, camel case for methods. */
final class Names {
  private Names() {}

  /**
   * Java words in kebab case: {@code fromUser} is {@code from-user}, {@code userID} is {@code user-id},
   * {@code DARK_RED} is {@code dark-red}, {@code SendAck} is {@code send-ack}.
   */
  static String kebab(String javaName) {
    return String.join("-", words(javaName)).toLowerCase(Locale.ROOT);
  }

  /** An event name as a method name: {@code send-message} is {@code sendMessage}; empty if there is no word. */
  static String lowerCamel(String name) {
    StringBuilder sb = new StringBuilder();
    for (String w : words(name)) {
      String lower = w.toLowerCase(Locale.ROOT);
      sb.append(sb.length() == 0 ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
    }
    return sb.toString();
  }

  /** {@code sendMessage} as {@code SendMessage}. */
  static String upperFirst(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** A name as a constant: {@code send-message} and {@code SendMessage} are {@code SEND_MESSAGE}. */
  static String constant(String name) {
    return String.join("_", words(name)).toUpperCase(Locale.ROOT);
  }

  /** Whether {@code name} can be a Java method or field name. */
  static boolean isJavaName(String name) {
    return !name.isEmpty() && SourceVersion.isName(name);
  }

  /**
   * The words of a name: split at characters that are neither letters nor digits, at a lower-case letter or digit
   * followed by an upper-case letter, and before the last capital of a run followed by a lower-case letter.
   */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(words, w);
        continue;
      }
      if (w.length() > 0 && Character.isUpperCase(c)) {
        char prev = name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextLower)) {
          flush(words, w);
        }
      }
      w.append(c);
    }
    flush(words, w);
    return words;
  }

  private static void flush(List<String> words, StringBuilder w) {
    if (w.length() > 0) {
      words.add(w.toString());
      w.setLength(0);
    }
  }
}
