package io.sente4j.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * RFC 3339 date/time text (CBOR's tag 0, JSON's instants) to and from {@link Instant}, by hand for the forms every writer uses, and
 * through {@code java.time}'s formatters for the rest, with the same results as those formatters alone.
 *
 * <p>Why by hand: a profile of packing and reading a batch of timestamped events put {@code java.time}'s
 * formatters at a third of the writer's time and half of the reader's (a parse context, a field map and a resolver
 * per instant), where the common forms need only digit arithmetic.
 */
public final class Rfc3339 {
  private Rfc3339() {}

  private static final int SECONDS_PER_DAY = 86_400;

  /** The longest text {@link #format(Instant, byte[], int)} writes: {@code 2026-01-01T00:00:00.123456789Z}. */
  public static final int MAX_LENGTH = 30;

  /** The length of {@code YYYY-MM-DD}. */
  private static final int DATE_LENGTH = 10;

  /**
   * The text of one day, {@code YYYY-MM-DD}: the date of a batch of timestamps is mostly the same, and working it out
   * ({@link LocalDate#ofEpochDay}, then ten digits) was most of formatting one.
   */
  private static final class FormattedDay {
    final long epochDay;
    final byte[] text = new byte[DATE_LENGTH];

    FormattedDay(long epochDay) {
      this.epochDay = epochDay;
      LocalDate date = LocalDate.ofEpochDay(epochDay);
      digits(text, 0, date.getYear(), 4);
      text[4] = '-';
      digits(text, 5, date.getMonthValue(), 2);
      text[7] = '-';
      digits(text, 8, date.getDayOfMonth(), 2);
    }
  }

  /**
   * The day formatted last, shared by all threads without locks: its fields are final, so a thread sees either a
   * whole day or an older one, and a stale one only costs formatting the day again.
   */
  private static FormattedDay lastFormattedDay = new FormattedDay(0);

  /**
   * The instant in UTC as {@link DateTimeFormatter#ISO_INSTANT} writes it: {@code 2026-01-01T00:00:00Z}, with no
   * fraction or 3, 6 or 9 digits of it. The year must be 0000 to 9999 (the caller checks).
   */
  public static String format(Instant t) {
    byte[] text = new byte[MAX_LENGTH];
    return new String(text, 0, format(t, text, 0), StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes the text {@link #format(Instant)} gives, as ASCII bytes, into {@code out} from {@code at} (which must have
   * room for {@link #MAX_LENGTH} bytes), for a writer that puts it straight into its output.
   *
   * @return the number of bytes written: 20, 24, 27 or 30
   */
  public static int format(Instant t, byte[] out, int at) {
    long second = t.getEpochSecond();
    long day = Math.floorDiv(second, SECONDS_PER_DAY);
    int secondOfDay = (int) (second - day * SECONDS_PER_DAY);
    FormattedDay date = lastFormattedDay;
    if (date.epochDay != day) {
      date = new FormattedDay(day);
      lastFormattedDay = date;
    }
    System.arraycopy(date.text, 0, out, at, DATE_LENGTH);
    int nanos = t.getNano();
    int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    out[at + 10] = 'T';
    twoDigits(out, at + 11, secondOfDay / 3600);
    out[at + 13] = ':';
    twoDigits(out, at + 14, secondOfDay / 60 % 60);
    out[at + 16] = ':';
    twoDigits(out, at + 17, secondOfDay % 60);
    int end = at + 19;
    if (fraction > 0) {
      out[end++] = '.';
      digits(out, end, fraction == 3 ? nanos / 1_000_000 : fraction == 6 ? nanos / 1_000 : nanos, fraction);
      end += fraction;
    }
    out[end++] = 'Z';
    return end - at;
  }

  /** A valid date, {@code YYYYMMDD} as a number, and its epoch day. */
  private static final class ParsedDay {
    final int yearMonthDay;
    final long epochDay;

    ParsedDay(int yearMonthDay, long epochDay) {
      this.yearMonthDay = yearMonthDay;
      this.epochDay = epochDay;
    }
  }

  /** The day parsed last, shared by all threads as {@link #lastFormattedDay} is. */
  private static ParsedDay lastParsedDay = new ParsedDay(19700101, 0);

  /**
   * The instant that RFC 3339 text names, as {@code OffsetDateTime.parse(text,
   * DateTimeFormatter.ISO_OFFSET_DATE_TIME)} reads it.
   *
   * @throws DateTimeException if it is not such text
   */
  public static Instant parse(String text) {
    Instant fast = parseCommonForm(text);
    return fast != null ? fast : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  /**
   * {@code YYYY-MM-DDTHH:MM:SS}, an optional fraction of 1 to 9 digits, then {@code Z} or {@code ±HH:MM}, with
   * every field in range; null for anything else (the formatter then decides, and reports the error).
   */
  private static Instant parseCommonForm(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = number(s, 0, 4);
    int month = number(s, 5, 2);
    int dayOfMonth = number(s, 8, 2);
    int hour = number(s, 11, 2);
    int minute = number(s, 14, 2);
    int second = number(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int at = 19;
    int nanos = 0;
    if (s.charAt(at) == '.') {
      int start = ++at;
      while (at < n && at - start < 10 && isDigit(s.charAt(at))) {
        at++;
      }
      int digits = at - start;
      if (digits < 1 || digits > 9) {
        return null;
      }
      nanos = number(s, start, digits);
      for (int i = digits; i < 9; i++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (at == n - 1 && s.charAt(at) == 'Z') {
      offsetSeconds = 0;
    } else if (at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
      int offsetHours = number(s, at + 1, 2);
      int offsetMinutes = number(s, at + 4, 2);
      if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
        return null; // ±18:00 is legal too; the formatter handles it and everything past it
      }
      offsetSeconds = (s.charAt(at) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
    } else {
      return null;
    }
    int yearMonthDay = year * 10_000 + month * 100 + dayOfMonth;
    ParsedDay day = lastParsedDay;
    if (day.yearMonthDay != yearMonthDay) {
      try {
        day = new ParsedDay(yearMonthDay, LocalDate.of(year, month, dayOfMonth).toEpochDay());
      } catch (DateTimeException e) {
        return null; // a day the month does not have: the formatter reports it
      }
      lastParsedDay = day;
    }
    long epochDay = day.epochDay;
    long epochSecond = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  /** The decimal number of {@code length} ASCII digits at {@code from}, or -1 if any is not a digit. */
  private static int number(String s, int from, int length) {
    int v = 0;
    for (int i = from; i < from + length; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static void twoDigits(byte[] out, int at, int value) {
    out[at] = (byte) ('0' + value / 10);
    out[at + 1] = (byte) ('0' + value % 10);
  }

  private static void digits(byte[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
