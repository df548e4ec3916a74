package io.sente4j.demo.chat;

import java.time.Instant;

/**
 * What a signed session cookie says: who is logged in, the CSRF token their pages and channel connections carry,
 * and when the cookie stops being accepted.
 */
record Session(String user, String csrfToken, Instant expiresAt) {}
