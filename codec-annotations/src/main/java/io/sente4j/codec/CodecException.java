package io.sente4j.codec;

import io.sente4j.core.Keyword;
import io.sente4j.core.Sente4jException;
import io.sente4j.core.Tagged;
import io.sente4j.core.internal.Preview;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A value that does not fit its record: a missing field, a value of the wrong type, a number out of range, an
 * unknown enum keyword, or a {@code null} where the record allows none. The message names the event (when known),
 * whether it was the reply, the field path ({@code author.tags[2]}) and the problem:
 *
 * <pre>event :chat/send, field room: expected a string, got Long 42</pre>
 *
 * <p>Immutable; each {@code in...}/{@code for...} method returns a new exception with more context.
 */
public final class CodecException extends Sente4jException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_SHOWN = 60;

  private final transient Keyword eventId;
  private final boolean reply;
  private final String path;
  private final String problem;

  private CodecException(Keyword eventId, boolean reply, String path, String problem, Throwable cause) {
    super(message(eventId, reply, path, problem), cause);
    this.eventId = eventId;
    this.reply = reply;
    this.path = path;
    this.problem = problem;
  }

  /** A problem with the value at hand, before any field or event is known. */
  public static CodecException of(String problem) {
    return new CodecException(null, false, "", Objects.requireNonNull(problem, "problem"), null);
  }

  /** A problem with the value at hand, caused by {@code cause} (say, a record constructor that refused a value). */
  public static CodecException of(String problem, Throwable cause) {
    return new CodecException(null, false, "", Objects.requireNonNull(problem, "problem"), cause);
  }

  /**
   * Data nested deeper than the thread's stack lets a record that holds itself be decoded (possible only where a
   * packer's depth limit has been raised far above its default).
   */
  public static CodecException nestedTooDeeply() {
    return of("nested too deeply to decode: a record that holds itself, nested deeper than this thread's stack"
        + " allows");
  }

  /** The problem "expected {@code what}, got {@code value}", with the value shortened for the message. */
  public static CodecException expected(String what, Object value) {
    return of("expected " + what + ", got " + describe(value));
  }

  /** This problem, one level down: inside the field {@code name} (the keyword name as it is in the data). */
  public CodecException inField(String name) {
    String p = path.isEmpty() ? name : path.startsWith("[") ? name + path : name + "." + path;
    return new CodecException(eventId, reply, p, problem, getCause());
  }

  /** This problem, inside the element at {@code index} of a list or set. */
  public CodecException atIndex(int index) {
    return inPath("[" + index + "]");
  }

  /** This problem, inside the value of a map at {@code key}. */
  public CodecException atKey(Object key) {
    return inPath("[" + text(key) + "]");
  }

  private CodecException inPath(String step) {
    String p = path.isEmpty() ? step : path.startsWith("[") ? step + path : step + "." + path;
    return new CodecException(eventId, reply, p, problem, getCause());
  }

  /** This problem, in the data of the event {@code id}. */
  public CodecException forEvent(Keyword id) {
    return new CodecException(Objects.requireNonNull(id, "id"), false, path, problem, getCause());
  }

  /** This problem, in the reply to the event {@code id}. */
  public CodecException forReplyTo(Keyword id) {
    return new CodecException(Objects.requireNonNull(id, "id"), true, path, problem, getCause());
  }

  /** The event whose data (or reply) did not fit, if known. */
  public Optional<Keyword> eventId() {
    return Optional.ofNullable(eventId);
  }

  /** Whether the value was the reply to {@link #eventId()} rather than its data. */
  public boolean inReply() {
    return reply;
  }

  /** The path to the value, as {@code author.tags[2]}; empty when the whole value was at fault. */
  public String path() {
    return path;
  }

  /** What is wrong, without the event and the path. */
  public String problem() {
    return problem;
  }

  /** A short description of a value for a message: its type and its text, cut at 60 characters. */
  public static String describe(Object value) {
    if (value == null) {
      return "nil";
    }
    return value.getClass().getSimpleName() + " " + text(value);
  }

  /**
   * The value's text, cut at 60 characters. A collection is walked only as far as shown: its whole text could be
   * megabytes (or, nested deeply, overflow the stack) for the 60 characters a message keeps; a number of more than
   * 1,000 digits is shown by its size, as printing one of a few megabits takes seconds.
   */
  static String text(Object value) {
    return value instanceof Collection || value instanceof Map || value instanceof Tagged || value instanceof Number
        ? Preview.of(value, MAX_SHOWN) : shorten(String.valueOf(value));
  }

  private static String shorten(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
  }

  private static String message(Keyword eventId, boolean reply, String path, String problem) {
    StringBuilder sb = new StringBuilder();
    if (eventId != null) {
      sb.append("event ").append(eventId).append(reply ? ", reply" : "").append(path.isEmpty() ? ": " : ", ");
    }
    if (!path.isEmpty()) {
      sb.append("field ").append(path).append(": ");
    }
    return sb.append(problem).toString();
  }
}
