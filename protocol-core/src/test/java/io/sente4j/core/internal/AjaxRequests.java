package io.sente4j.core.internal;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.ClientTransport;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.core.Scheduler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives an {@link AjaxExchanges} from a test: each request sent is recorded with the time it was sent, the future
 * the transport returned for it (which the test completes as the server would) and the outcome its handler got, with
 * the scheduler's time at that moment. Everything runs on the test's thread: the handling is inline, and the
 * transport answers only when the test says so.
 */
final class AjaxRequests implements ClientTransport {
  static final HttpReply OK = new HttpReply(200, Payload.text("[[:chsk/timeout]]"));

  final AjaxExchanges exchanges;
  final List<Request> all = new ArrayList<>();
  private final Scheduler scheduler;
  private final List<CompletableFuture<HttpReply>> wire = new ArrayList<>();

  AjaxRequests(Scheduler scheduler, Duration timeout) {
    this.scheduler = scheduler;
    this.exchanges = new AjaxExchanges(this, PackerLimits.DEFAULT_MAX_INPUT_BYTES, scheduler, timeout, Runnable::run);
  }

  /** One request sent through the exchanges. */
  static final class Request {
    final int index;
    final long sentAt;
    /** A POST's future (failed when the connection ends first); {@code null} for a GET. */
    final CompletableFuture<Void> sent;
    /** What the handler got, once: the reply or the failure, and when. */
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    final AtomicInteger handled = new AtomicInteger();
    /** The transport's future for it; {@code null} if it was not sent. */
    CompletableFuture<HttpReply> onWire;

    Request(int index, long sentAt, CompletableFuture<Void> sent) {
      this.index = index;
      this.sentAt = sentAt;
      this.sent = sent;
    }
  }

  /**
   * What a request's handler got.
   *
   * @param reply the response, or {@code null}
   * @param error the failure, or {@code null}
   * @param at the scheduler's time when the handler ran
   */
  record Outcome(HttpReply reply, Throwable error, long at) {}

  /** Sends a GET ({@code post} false) or a POST. */
  Request send(boolean post) {
    Request r = new Request(all.size(), scheduler.nanoTime(), post ? new CompletableFuture<>() : null);
    all.add(r);
    int before = wire.size();
    HttpCall call = new HttpCall(post ? "POST" : "GET", URI.create("http://app.test/chsk?n=" + r.index), Map.of(),
        Payload.text(""), null, Duration.ofMinutes(1));
    exchanges.send(call, (post ? "POST " : "GET ") + r.index, r.sent, (reply, error) -> {
      r.handled.incrementAndGet();
      r.outcome.complete(new Outcome(reply, error, scheduler.nanoTime()));
    });
    r.onWire = wire.size() > before ? wire.get(before) : null;
    return r;
  }

  @Override
  public CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> headers,
      ChannelListener listener) {
    throw new UnsupportedOperationException("Ajax only");
  }

  @Override
  public CompletableFuture<HttpReply> request(HttpCall call) {
    CompletableFuture<HttpReply> f = new CompletableFuture<>();
    wire.add(f);
    return f;
  }
}
