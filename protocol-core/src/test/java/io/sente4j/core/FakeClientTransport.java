package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClientTransport} for client tests. Each WebSocket open is recorded as a {@link FakeConnection} (its
 * address, headers and listener), and is accepted, refused with an HTTP status, or failed, as the test says. The
 * test plays the server through the connection: it pushes frames to the client and reads the frames the client
 * sent. Every listener call happens on the {@code io} executor, in order, as a real transport's I/O thread would.
 *
 * <p>Each HTTP request is recorded as a {@link FakeHttpExchange}, waiting until the test answers it (a frame, a
 * status, a failure), GETs and POSTs in separate queues.
 */
final class FakeClientTransport implements ClientTransport {
  private final Executor io;
  private final FrameCodec codec;
  private final BlockingQueue<FakeConnection> opened = new LinkedBlockingQueue<>();
  private final List<FakeConnection> all = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Object> outcomes = new ArrayDeque<>();
  private final BlockingQueue<FakeHttpExchange> gets = new LinkedBlockingQueue<>();
  private final BlockingQueue<FakeHttpExchange> posts = new LinkedBlockingQueue<>();
  private final List<FakeHttpExchange> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> frameLimits = Collections.synchronizedList(new ArrayList<>());

  FakeClientTransport(Executor io, Packer packer) {
    this.io = io;
    this.codec = new FrameCodec(packer);
  }

  /** The next open is refused with {@code status}. */
  synchronized FakeClientTransport refuseNext(int status, String body) {
    outcomes.add(new UpgradeRefusedException(status, body));
    return this;
  }

  /** The next open fails with {@code error}. */
  synchronized FakeClientTransport failNext(Throwable error) {
    outcomes.add(error);
    return this;
  }

  /**
   * The next open is left pending: the channel is live (frames flow both ways) but the future is completed only by
   * {@link FakeConnection#completeOpen()}, as a transport may deliver the first message before it.
   */
  synchronized FakeClientTransport deferNextOpen() {
    outcomes.add(DEFER);
    return this;
  }

  private static final Object DEFER = new Object();

  /** How many opens were attempted. */
  int opens() {
    return all.size();
  }

  /** Every open attempted, oldest first. */
  List<FakeConnection> all() {
    synchronized (all) {
      return new ArrayList<>(all);
    }
  }

  /** The next open attempt, waiting up to 5 s for it. */
  FakeConnection nextOpen() {
    try {
      FakeConnection c = opened.poll(5, TimeUnit.SECONDS);
      assertThat(c).as("a WebSocket open within 5 s").isNotNull();
      return c;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The next open attempt if one has been made, without waiting. */
  FakeConnection pollOpen() {
    return opened.poll();
  }

  @Override
  public CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> headers,
      ChannelListener listener) {
    Object outcome;
    synchronized (this) {
      outcome = outcomes.poll();
    }
    FakeConnection c = new FakeConnection(uri, headers, listener, io, codec);
    CompletableFuture<Channel> f = c.opening;
    io.execute(() -> {
      if (outcome == DEFER) {
        c.channel.open = true;
      } else if (outcome == null) {
        c.channel.open = true;
        f.complete(c.channel);
      } else {
        f.completeExceptionally((Throwable) outcome);
      }
    });
    all.add(c); // after the completion is queued, so that what the test sends next follows it on the I/O thread
    opened.add(c);
    return f;
  }

  /** The frame limit the client gave with each open and request, in order. */
  List<Integer> frameLimits() {
    synchronized (frameLimits) {
      return new ArrayList<>(frameLimits);
    }
  }

  @Override
  public CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> headers,
      ChannelListener listener, int maxFrameBytes) {
    frameLimits.add(maxFrameBytes);
    return openWebSocket(uri, headers, listener);
  }

  @Override
  public CompletableFuture<HttpReply> request(HttpCall call, int maxFrameBytes) {
    frameLimits.add(maxFrameBytes);
    return request(call);
  }

  @Override
  public CompletableFuture<HttpReply> request(HttpCall call) {
    FakeHttpExchange x = new FakeHttpExchange(call, io, codec);
    calls.add(x);
    (call.method().equals("GET") ? gets : posts).add(x);
    return x.reply;
  }

  /** The next GET (handshake or long-poll), waiting up to 5 s for it. */
  FakeHttpExchange nextGet() {
    return take(gets, "an Ajax GET");
  }

  /** The next POST, waiting up to 5 s for it. */
  FakeHttpExchange nextPost() {
    return take(posts, "an Ajax POST");
  }

  /** The next GET if one has been made, without waiting. */
  FakeHttpExchange pollGet() {
    return gets.poll();
  }

  /** The next POST if one has been made, without waiting. */
  FakeHttpExchange pollPost() {
    return posts.poll();
  }

  /** Every HTTP request made, oldest first. */
  List<FakeHttpExchange> calls() {
    synchronized (calls) {
      return new ArrayList<>(calls);
    }
  }

  private static FakeHttpExchange take(BlockingQueue<FakeHttpExchange> q, String what) {
    try {
      FakeHttpExchange x = q.poll(5, TimeUnit.SECONDS);
      assertThat(x).as(what + " within 5 s").isNotNull();
      return x;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
