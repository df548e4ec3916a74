package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ServerRequest;
import org.junit.jupiter.api.Test;

/** How the server reads {@code sente4j-conn}: up to 18 decimal digits; anything else names no connection. */
class AjaxConnectionNumberTest {

  private static long read(String value) {
    ServerRequest.Builder b = ServerRequest.builder("GET", "/chsk");
    if (value != null) {
      b.queryParam(AjaxClient.CONNECTION, value);
    }
    return AjaxClient.connectionNumber(b.build());
  }

  @Test
  void eighteenDigitsAreANumberAndNineteenAreNone() {
    assertThat(read("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    assertThat(read("1000000000000000000")).isZero();
    assertThat(read("1767225600000")).isEqualTo(1_767_225_600_000L);
  }

  @Test
  void absentEmptyOrNotDigitsNamesNoConnection() {
    assertThat(read(null)).isZero();
    assertThat(read("")).isZero();
    assertThat(read("-5")).isZero();
    assertThat(read("12a")).isZero();
    assertThat(read("+7")).isZero();
  }
}
