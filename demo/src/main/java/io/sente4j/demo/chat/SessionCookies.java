package io.sente4j.demo.chat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * Signed, stateless session cookies: {@code v1.<user>.<csrf token>.<expiry>.<mac>}, the user in base64url, the
 * expiry in epoch seconds, the MAC HMAC-SHA256 over everything before it. Nothing is kept on the server, so any
 * server holding the same {@link SessionKey} accepts the cookie, including this one after a restart. A cookie whose
 * MAC does not match (tampered, or signed with another key), or whose expiry has come, reads as no session.
 */
final class SessionCookies {
  /** The cookie's name. */
  static final String NAME = "sente4j-demo-session";
  private static final String VERSION = "v1";
  private static final int CSRF_BYTES = 24;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_READ = Base64.getUrlDecoder();

  private final SessionKey key;
  private final Duration lifetime;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  SessionCookies(SessionKey key, Duration lifetime, Clock clock) {
    this.key = key;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** A new session for {@code user}, with a new CSRF token, lasting the configured lifetime from now. */
  Session issue(String user) {
    byte[] token = new byte[CSRF_BYTES];
    random.nextBytes(token);
    Instant expires = clock.instant().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return new Session(user, B64.encodeToString(token), expires);
  }

  /** The signed cookie value of {@code session}. */
  String value(Session session) {
    String payload = VERSION + "." + B64.encodeToString(session.user().getBytes(StandardCharsets.UTF_8)) + "."
        + session.csrfToken() + "." + session.expiresAt().getEpochSecond();
    return payload + "." + B64.encodeToString(mac(payload));
  }

  /** The session a cookie value stands for, if it is well formed, signed with this key and not expired. */
  Optional<Session> read(String value) {
    if (value == null) {
      return Optional.empty();
    }
    int lastDot = value.lastIndexOf('.');
    if (lastDot < 0) {
      return Optional.empty();
    }
    String payload = value.substring(0, lastDot);
    try {
      // The MAC compared as its canonical text (base64 has spare bits), in constant time: no guessing byte by byte.
      byte[] claimed = value.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
      if (!MessageDigest.isEqual(claimed, B64.encodeToString(mac(payload)).getBytes(StandardCharsets.US_ASCII))) {
        return Optional.empty();
      }
      String[] parts = payload.split("\\.", -1);
      if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
        return Optional.empty();
      }
      String user = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(B64_READ.decode(parts[1]))).toString();
      Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[3]));
      if (!clock.instant().isBefore(expires)) {
        return Optional.empty();
      }
      return Optional.of(new Session(user, parts[2], expires));
    } catch (IllegalArgumentException | CharacterCodingException | java.time.DateTimeException e) {
      return Optional.empty(); // bad base64, a number that is not one, an instant out of range
    }
  }

  /** The {@code Set-Cookie} header value that stores {@code session} in the browser. */
  String setCookie(Session session) {
    long maxAge = Math.max(0, Duration.between(clock.instant(), session.expiresAt()).getSeconds());
    return NAME + "=" + value(session) + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax";
  }

  /** The {@code Set-Cookie} header value that removes the cookie (logout). */
  String clearCookie() {
    return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256"); // a Mac is not thread-safe; a new one costs microseconds
      mac.init(key.hmacKey());
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
