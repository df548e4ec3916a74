package io.sente4j.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One HTTP request a client made through a {@link FakeClientTransport}, seen from the server: the call as sent, its
 * parameters and frame decoded, and the means to answer it (a frame, a status, a transport failure) on the fake's
 * I/O executor. Answering a request the client has given up (cancelled) does nothing, as with a real transport.
 */
final class FakeHttpExchange {
  final HttpCall call;
  final CompletableFuture<HttpReply> reply = new CompletableFuture<>();
  private final Executor io;
  private final FrameCodec codec;

  FakeHttpExchange(HttpCall call, Executor io, FrameCodec codec) {
    this.call = call;
    this.io = io;
    this.codec = codec;
  }

  /** The decoded query parameters, in order. */
  Map<String, List<String>> query() {
    return decode(call.uri().getRawQuery());
  }

  /** The decoded form fields of a form-encoded POST, in order; empty otherwise. */
  Map<String, List<String>> form() {
    return "application/x-www-form-urlencoded".equals(call.contentType()) ? decode(call.body().asText())
        : Map.of();
  }

  /** The first value of a parameter, from the query, else from the form. */
  Optional<String> param(String name) {
    List<String> q = query().get(name);
    if (q != null) {
      return Optional.of(q.get(0));
    }
    List<String> f = form().get(name);
    return f == null ? Optional.empty() : Optional.of(f.get(0));
  }

  boolean isGet() {
    return call.method().equals("GET");
  }

  boolean isPost() {
    return call.method().equals("POST");
  }

  /** A GET with {@code handshake?}. */
  boolean isHandshake() {
    return isGet() && query().containsKey("handshake?");
  }

  /** Whether the request still waits for its answer (not answered, not given up). */
  boolean waiting() {
    return !reply.isDone();
  }

  /** Whether the client gave the request up. */
  boolean cancelled() {
    return reply.isCancelled();
  }

  /** The frame a POST carries: the {@code ppstr} field of a form, or the raw body with {@code binary?}. */
  Frame.AjaxEvent event() {
    Payload packed = query().containsKey("binary?") ? call.body() : Payload.text(form().get("ppstr").get(0));
    return (Frame.AjaxEvent) codec.decode(packed, Direction.FROM_CLIENT, Via.AJAX_POST);
  }

  /** Answers 200 with {@code frame}. */
  FakeHttpExchange answer(Frame frame) {
    return respond(200, codec.encode(frame));
  }

  /** Answers with a status and a text body. */
  FakeHttpExchange status(int status, String body) {
    return respond(status, Payload.text(body));
  }

  /** Answers with a status and a body. */
  FakeHttpExchange respond(int status, Payload body) {
    io.execute(() -> reply.complete(new HttpReply(status, body)));
    return this;
  }

  /** The request fails without a response. */
  FakeHttpExchange fail(Throwable error) {
    io.execute(() -> reply.completeExceptionally(error));
    return this;
  }

  private static Map<String, List<String>> decode(String s) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (s == null || s.isEmpty()) {
      return out;
    }
    for (String pair : s.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    out.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return out;
  }

  @Override
  public String toString() {
    return call.method() + " " + call.uri();
  }
}
