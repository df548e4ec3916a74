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
  static void format(Instant instant, TextOut out) {
    if (!isWritable(instant)) {
      throw new IllegalArgumentException("instant " + instant + " is outside the years 0000-9999 that #inst can carry");
    }
    long seconds = instant.getEpochSecond();
    // Whole days since 1970-01-01 and the second within the day; MIN_SECOND is a day boundary, so shifting by it
    // keeps the division non-negative.
    long shifted = seconds - MIN_SECOND;
    int day = (int) (shifted / SECONDS_PER_DAY + MIN_SECOND / SECONDS_PER_DAY);
    int secondOfDay = (int) (shifted % SECONDS_PER_DAY);
    // Civil date from days since 1970-01-01 (H. Hinnant's civil_from_days), counted from 0000-03-01 in 400-year
    // eras; January and February of year 0000 fall in era -1.
    int z = day + 719_468;
    int era = Math.floorDiv(z, 146_097);
    int dayOfEra = z - era * 146_097;
    int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int mp = (5 * dayOfYear + 2) / 153;
    int dayOfMonth = dayOfYear - (153 * mp + 2) / 5 + 1;
    int month = mp < 10 ? mp + 3 : mp - 9;
    int year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    int nanos = instant.getNano();
    char[] text = out.reserve(35); // yyyy-MM-ddThh:mm:ss.nnnnnnnnn-00:00
    int at = out.position();
    two(text, at, year / 100);
    two(text, at + 2, year % 100);
    text[at + 4] = '-';
    two(text, at + 5, month);
    text[at + 7] = '-';
    two(text, at + 8, dayOfMonth);
    text[at + 10] = 'T';
    two(text, at + 11, secondOfDay / 3600);
    text[at + 13] = ':';
    two(text, at + 14, secondOfDay / 60 % 60);
    text[at + 16] = ':';
    two(text, at + 17, secondOfDay % 60);
    text[at + 19] = '.';
    if (nanos % 1_000_000 == 0) {
      three(text, at + 20, nanos / 1_000_000);
      at += 23;
    } else {
      three(text, at + 20, nanos / 1_000_000);
      three(text, at + 23, nanos / 1000 % 1000);
      three(text, at + 26, nanos % 1000);
      at += 29;
    }
    "-00:00".getChars(0, 6, text, at);
    out.setPosition(at + 6);
  }

  /** Writes {@code value}, 0 to 99, as two digits at {@code at}. */
  private static void two(char[] text, int at, int value) {
    text[at] = (char) ('0' + value / 10);
    text[at + 1] = (char) ('0' + value % 10);
  }

  /** Writes {@code value}, 0 to 999, as three digits at {@code at}. */
  private static void three(char[] text, int at, int value) {
    text[at] = (char) ('0' + value / 100);
    two(text, at + 1, value % 100);
  }

  /**
   * Reads {@code #inst} text.
   *
   * @throws IllegalArgumentException with the reason, if the text is not a timestamp this reader accepts
   */
  static Instant parse(String s) {
    // Every field has a fixed width, so each one is at a known index once the previous one is there.
    int n = s.length();
    int year = digits(s, 0, 4, "year");
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int nanos = 0;
    int i = 4;
    if (at(s, i, '-')) {
      month = digits(s, i + 1, 2, "month");
      i += 3;
      if (at(s, i, '-')) {
        day = digits(s, i + 1, 2, "day");
        i += 3;
        if (at(s, i, 'T') || at(s, i, 't')) {
          hour = digits(s, i + 1, 2, "hour");
          i += 3;
          if (at(s, i, ':')) {
            minute = digits(s, i + 1, 2, "minute");
            i += 3;
            if (at(s, i, ':')) {
              second = digits(s, i + 1, 2, "second");
              i += 3;
              if (at(s, i, '.')) {
                int start = ++i;
                while (i < n && EdnChars.isDigit(s.charAt(i))) {
                  if (i - start == 9) {
                    throw new IllegalArgumentException("more than 9 fraction digits (finer than nanoseconds)");
                  }
                  nanos = nanos * 10 + (s.charAt(i++) - '0');
                }
                if (i == start) {
                  throw new IllegalArgumentException("expected fraction digits at index " + i);
                }
                for (int k = i - start; k < 9; k++) {
                  nanos *= 10;
                }
              }
            }
          }
        }
      }
    }
    int offsetSeconds = 0;
    if (at(s, i, 'Z') || at(s, i, 'z')) {
      i++;
    } else if (at(s, i, '+') || at(s, i, '-')) {
      int sign = s.charAt(i) == '-' ? -1 : 1;
      int offsetHours = digits(s, i + 1, 2, "offset hours");
      if (!at(s, i + 3, ':')) {
        throw new IllegalArgumentException("expected ':' at index " + (i + 3));
      }
      int offsetMinutes = digits(s, i + 4, 2, "offset minutes");
      i += 6;
      if (offsetHours > 23) {
        throw new IllegalArgumentException("offset hours " + offsetHours + " out of range 00-23");
      }
      if (offsetMinutes > 59) {
        throw new IllegalArgumentException("offset minutes " + offsetMinutes + " out of range 00-59");
      }
      offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60);
    }
    if (i != n) {
      throw new IllegalArgumentException("unexpected " + EdnChars.describe(s.charAt(i)) + " at index " + i);
    }
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("month " + month + " out of range 01-12");
    }
    int monthLength = monthLength(year, month);
    if (day < 1 || day > monthLength) {
      throw new IllegalArgumentException("day " + day + " out of range 01-" + monthLength);
    }
    if (hour > 23) {
      throw new IllegalArgumentException("hour " + hour + " out of range 00-23");
    }
    if (minute > 59) {
      throw new IllegalArgumentException("minute " + minute + " out of range 00-59");
    }
    if (second > 59) {
      throw new IllegalArgumentException("second " + second + " out of range 00-59 (leap seconds are not supported)");
    }
    long epochSecond = daysFromCivil(year, month, day) * SECONDS_PER_DAY
        + hour * 3600L + minute * 60L + second - offsetSeconds;
    if (epochSecond < MIN_SECOND || epochSecond > MAX_SECOND) {
      throw new IllegalArgumentException("the instant is outside the years 0000-9999 in UTC");
    }
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  private static boolean at(String s, int i, char c) {
    return i < s.length() && s.charAt(i) == c;
  }

  /** The {@code n} digits at {@code at} as a number. */
  private static int digits(String s, int at, int n, String field) {
    if (at + n > s.length()) {
      throw new IllegalArgumentException("expected " + n + " digits of " + field + " at index " + at);
    }
    int v = 0;
    for (int i = at; i < at + n; i++) {
      char c = s.charAt(i);
      if (!EdnChars.isDigit(c)) {
        throw new IllegalArgumentException("expected " + n + " digits of " + field + " at index " + at);
      }
      v = v * 10 + (c - '0');
    }
    return v;
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
}
