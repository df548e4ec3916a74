package io.sente4j.demo.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HTML page from the class path with {@code {{name}}} placeholders, filled with HTML-escaped values. */
final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z-]+)}}");

  private final String name;
  private final String text;

  private Template(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** The template in {@code web/<name>} beside this class. */
  static Template load(String name) {
    return new Template(name, new String(resource(name), StandardCharsets.UTF_8));
  }

  /** The bytes of {@code web/<name>} beside this class; fails if it is missing (a broken build). */
  static byte[] resource(String name) {
    try (InputStream in = Template.class.getResourceAsStream("web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the resource web/" + name + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The page with every placeholder replaced by its escaped value.
   *
   * @throws IllegalStateException if a placeholder has no value (a mistake in the page or the code)
   */
  String render(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 256);
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for {{" + m.group(1) + "}} in " + name);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(escape(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Escapes text for an HTML element or a quoted attribute. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
