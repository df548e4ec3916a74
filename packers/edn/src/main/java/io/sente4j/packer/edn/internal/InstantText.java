package io.sente4j.packer.edn.internal;

import java.time.Instant;

/**
 * The text of {@code #inst}: RFC 3339 timestamps, read as liberally as Clojure reads them and written as Clojure
 * prints a {@code java.util.Date}.
 *
 * <p><b>Read:</b> {@code yyyy[-MM[-dd[Thh[:mm[:ss[.f]]]]]][Z|±hh:mm]}, where omitted fields are the start of their
 * range (so {@code "2024-01"} is midnight UTC on 2024-01-01), the fraction has 1 to 9 digits, {@code T} and {@code
 * Z} may be lower case (RFC 3339 section 5.6 allows it), and {@code -00:00} means UTC. Fields are range-checked
 * (day against the month, leap years included); a leap second ({@code :60}) is refused, as is any timestamp whose
 * instant falls outside the years 0000 to 9999 in UTC, so that every instant read can be written back. Dates are
 * proleptic Gregorian, as RFC 3339 defines them (Clojure's {@code Date} switches to the Julian calendar before
 * 1582-10-15, so there the same text names an instant some days away; the text itself round-trips unchanged).
 *
 * <p><b>Write:</b> {@code yyyy-MM-ddThh:mm:ss.SSS-00:00}, with nine fraction digits when the instant is not a whole
 * millisecond. Instants outside years 0000 to 9999 have no such text and are refused.
 */
final class InstantText {
  /** 0000-01-01T00:00:00Z. */
  static final long MIN_SECOND = -62167219200L;
  /** 9999-12-31T23:59:59Z. */
  static final long MAX_SECOND = 253402300799L;
  private static final int SECONDS_PER_DAY = 86_400;

  private InstantText() {}

  /** Whether {@code instant} is in the years 0000 to 9999 (UTC), the range {@code #inst} text can carry. */
  static boolean isWritable(Instant instant) {
    long s = instant.getEpochSecond();
    return s >= MIN_SECOND && s <= MAX_SECOND;
  }

  /**
   * Appends the text of {@code instant}, without quotes.
   *
   * @throws IllegalArgumentException if it is outside the years 0000 to 9999
   */
  static void format(Instant instant, StringBuilder out) {
    if (!isWritable(instant)) {
      throw new IllegalArgumentException("instant " + instant + " is outside the years 0000-9999 that #inst can carry");
    }
    long seconds = instant.getEpochSecond();
    long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted), in a 400-year era.
    long z = day + 719_468;
    long era = Math.floorDiv(z, 146_097);
    int dayOfEra = (int) (z - era * 146_097);
    int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int mp = (5 * dayOfYear + 2) / 153;
    int dayOfMonth = dayOfYear - (153 * mp + 2) / 5 + 1;
    int month = mp < 10 ? mp + 3 : mp - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    pad(out, (int) year, 4).append('-');
    pad(out, month, 2).append('-');
    pad(out, dayOfMonth, 2).append('T');
    pad(out, secondOfDay / 3600, 2).append(':');
    pad(out, secondOfDay / 60 % 60, 2).append(':');
    pad(out, secondOfDay % 60, 2).append('.');
    int nanos = instant.getNano();
    if (nanos % 1_000_000 == 0) {
      pad(out, nanos / 1_000_000, 3);
    } else {
      pad(out, nanos, 9);
    }
    out.append("-00:00");
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    for (int bound = width == 9 ? 100_000_000 : width == 4 ? 1000 : width == 3 ? 100 : 10;
        bound > 1 && value < bound; bound /= 10) {
      out.append('0');
    }
    return out.append(value);
  }

  /**
   * Reads {@code #inst} text.
   *
   * @throws IllegalArgumentException with the reason, if the text is not a timestamp this reader accepts
   */
  static Instant parse(String s) {
    Cursor c = new Cursor(s);
    int year = c.digits(4, "year");
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int nanos = 0;
    if (c.take('-')) {
      month = c.digits(2, "month");
      if (c.take('-')) {
        day = c.digits(2, "day");
        if (c.take('T') || c.take('t')) {
          hour = c.digits(2, "hour");
          if (c.take(':')) {
            minute = c.digits(2, "minute");
            if (c.take(':')) {
              second = c.digits(2, "second");
              if (c.take('.')) {
                nanos = c.fraction();
              }
            }
          }
        }
      }
    }
    int offsetSeconds = 0;
    if (c.take('Z') || c.take('z')) {
      offsetSeconds = 0;
    } else if (c.peek('+') || c.peek('-')) {
      int sign = c.take('-') ? -1 : 1;
      c.take('+');
      int offsetHours = c.digits(2, "offset hours");
      c.expect(':');
      int offsetMinutes = c.digits(2, "offset minutes");
      check(offsetHours <= 23, "offset hours " + offsetHours + " out of range 00-23");
      check(offsetMinutes <= 59, "offset minutes " + offsetMinutes + " out of range 00-59");
      offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60);
    }
    c.end();
    check(month >= 1 && month <= 12, "month " + month + " out of range 01-12");
    int monthLength = monthLength(year, month);
    check(day >= 1 && day <= monthLength, "day " + day + " out of range 01-" + monthLength);
    check(hour <= 23, "hour " + hour + " out of range 00-23");
    check(minute <= 59, "minute " + minute + " out of range 00-59");
    check(second <= 59, "second " + second + " out of range 00-59 (leap seconds are not supported)");
    long epochSecond = daysFromCivil(year, month, day) * SECONDS_PER_DAY
        + hour * 3600L + minute * 60L + second - offsetSeconds;
    check(epochSecond >= MIN_SECOND && epochSecond <= MAX_SECOND, "the instant is outside the years 0000-9999 in UTC");
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  private static int monthLength(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  private static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468;
  }

  private static void check(boolean ok, String reason) {
    if (!ok) {
      throw new IllegalArgumentException(reason);
    }
  }

  /** Walks the timestamp text. */
  private static final class Cursor {
    private final String s;
    private int i;

    Cursor(String s) {
      this.s = s;
    }

    boolean peek(char c) {
      return i < s.length() && s.charAt(i) == c;
    }

    boolean take(char c) {
      if (peek(c)) {
        i++;
        return true;
      }
      return false;
    }

    void expect(char c) {
      if (!take(c)) {
        throw new IllegalArgumentException("expected '" + c + "' at index " + i);
      }
    }

    int digits(int n, String field) {
      int v = 0;
      for (int k = 0; k < n; k++, i++) {
        if (i >= s.length() || !EdnChars.isDigit(s.charAt(i))) {
          throw new IllegalArgumentException("expected " + n + " digits of " + field + " at index " + (i - k));
        }
        v = v * 10 + (s.charAt(i) - '0');
      }
      return v;
    }

    int fraction() {
      int start = i;
      int v = 0;
      while (i < s.length() && EdnChars.isDigit(s.charAt(i))) {
        if (i - start == 9) {
          throw new IllegalArgumentException("more than 9 fraction digits (finer than nanoseconds)");
        }
        v = v * 10 + (s.charAt(i) - '0');
        i++;
      }
      int n = i - start;
      if (n == 0) {
        throw new IllegalArgumentException("expected fraction digits at index " + i);
      }
      for (; n < 9; n++) {
        v *= 10;
      }
      return v;
    }

    void end() {
      if (i != s.length()) {
        throw new IllegalArgumentException("unexpected " + EdnChars.describe(s.charAt(i)) + " at index " + i);
      }
    }
  }
}
