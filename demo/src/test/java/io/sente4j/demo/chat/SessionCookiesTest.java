package io.sente4j.demo.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionCookiesTest {
  private static final SessionKey KEY = SessionKey.of("a key of thirty-two bytes, at least".getBytes(
      StandardCharsets.UTF_8));
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
  private final SessionCookies cookies = new SessionCookies(KEY, Duration.ofHours(1), clock);

  @Test
  void aCookieReadsBackAsItsSession() {
    Session s = cookies.issue("alice");
    assertThat(s.user()).isEqualTo("alice");
    assertThat(s.csrfToken()).matches("[A-Za-z0-9_-]{32}");
    assertThat(s.expiresAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(cookies.read(cookies.value(s))).contains(s);
    assertThat(cookies.issue("alice").csrfToken()).isNotEqualTo(s.csrfToken());
  }

  @Test
  void theCookieIsHttpOnlyAndSameSiteLax() {
    Session s = cookies.issue("alice");
    assertThat(cookies.setCookie(s)).isEqualTo(SessionCookies.NAME + "=" + cookies.value(s)
        + "; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax");
    assertThat(cookies.clearCookie()).isEqualTo(SessionCookies.NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  }

  @Test
  void aSessionIsRefusedFromTheSecondItExpires() {
    String value = cookies.value(cookies.issue("alice"));
    clock.advance(Duration.ofHours(1).minusSeconds(1));
    assertThat(cookies.read(value)).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cookies.read(value)).isEmpty();
  }

  @Test
  void anotherKeyOrAnEditedPartIsRefused() {
    Session s = cookies.issue("alice");
    String value = cookies.value(s);
    String[] parts = value.split("\\.");
    SessionCookies otherKey = new SessionCookies(SessionKey.random(), Duration.ofHours(1), clock);
    assertThat(otherKey.read(value)).isEmpty();

    String mallory = Base64.getUrlEncoder().withoutPadding().encodeToString("mallory".getBytes(StandardCharsets.UTF_8));
    assertThat(cookies.read(join(parts[0], mallory, parts[2], parts[3], parts[4]))).isEmpty();
    assertThat(cookies.read(join(parts[0], parts[1], "chosen-token", parts[3], parts[4]))).isEmpty();
    assertThat(cookies.read(join(parts[0], parts[1], parts[2], "99999999999", parts[4]))).isEmpty();
    assertThat(cookies.read(join("v2", parts[1], parts[2], parts[3], parts[4]))).isEmpty();
    assertThat(cookies.read(value + "x")).isEmpty();
    assertThat(cookies.read(value.substring(0, value.length() - 1))).isEmpty();
    for (String junk : new String[] {"", ".", "....", "v1", "not a cookie", "v1.!!.t.1.!!", null}) {
      assertThat(cookies.read(junk)).as(junk).isEmpty();
    }
  }

  @Test
  void aSignedButMalformedPayloadIsRefused() {
    // Signed with the right key but not what issue() writes: still no session, and no exception.
    assertThat(cookies.read(signed("v1.YWxpY2U.tok"))).isEmpty();
    assertThat(cookies.read(signed("v1.YWxpY2U..1796517285"))).isEmpty();
    assertThat(cookies.read(signed("v1.!!.tok.1796517285"))).isEmpty();
    assertThat(cookies.read(signed("v1.YWxpY2U.tok.soon"))).isEmpty();
    assertThat(cookies.read(signed("v1.YWxpY2U.tok.99999999999999999"))).isEmpty();
    assertThat(cookies.read(signed("v1.__8.tok.1796517285"))).isEmpty(); // bytes that are not UTF-8
    assertThat(cookies.read(signed("v1.YWxpY2U.tok.1796517285"))).contains(
        new Session("alice", "tok", Instant.ofEpochSecond(1796517285)));
  }

  @Test
  void anyOneCharacterChangedIsRefused() {
    Qt.seeded(8_2026L).forAll(strings().betweenCodePoints(0x20, 0x2fff).ofLengthBetween(1, 32),
        integers().between(0, 10_000), integers().between(1, 0x7e)).checkAssert((user, where, replacement) -> {
      String value = cookies.value(cookies.issue(user));
      int at = where % value.length();
      char c = (char) replacement.intValue();
      if (value.charAt(at) != c) {
        String edited = value.substring(0, at) + c + value.substring(at + 1);
        assertThat(cookies.read(edited)).as(edited).isEmpty();
      }
      assertThat(cookies.read(value).map(Session::user)).isEqualTo(Optional.of(user));
    });
  }

  /** {@code payload} with the MAC the cookies' key gives it. */
  private static String signed(String payload) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(KEY.hmacKey());
      return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
          mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static String join(String... parts) {
    return String.join(".", parts);
  }
}
