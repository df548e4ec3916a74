package io.sente4j.core.internal;

import io.sente4j.core.AjaxRefusedException;
import io.sente4j.core.Chsk;
import io.sente4j.core.ClientTransport;
import io.sente4j.core.CloseInfo;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.FrameException;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.ReplyErrorException;
import io.sente4j.core.ReplyTimeoutException;
import io.sente4j.core.Scheduler;
import io.sente4j.core.Via;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client connection over Ajax long-polling (PROTOCOL.md §5.4–5.6, §9.3), from a {@link ClientTransport}'s HTTP
 * requests ({@link AjaxCalls} builds them). {@link #open} sends the handshake GET; from its answer on there is always
 * exactly one long-poll GET in flight, the next one sent as soon as the previous answer (a push, the handshake, or
 * {@code :chsk/timeout}) has been passed on, so pushes arrive in order. Each event is its own POST, answered with the
 * reply, the acknowledgement or {@code :chsk/timeout}; POSTs run concurrently.
 *
 * <p>Every request waits at most the Ajax timeout. A handshake or poll that fails (no response, a status other than
 * 2xx, no response in time) ends the connection, reported as {@link Events#lost}; a poll answered 401 is the server
 * withdrawing authorization ({@link CloseReason#UNAUTHORIZED}, PROTOCOL.md §10.2). When the connection ends, POSTs
 * still in flight fail with {@link io.sente4j.core.ReplyClosedException}.
 */
public final class AjaxConnection implements ClientConnection {
  private static final Logger LOG = LoggerFactory.getLogger(AjaxConnection.class);
  private static final int BODY_IN_MESSAGES = 200;

  private final FrameCodec codec;
  private final Duration timeout;
  private final String clientId;
  private final Events events;
  private final AjaxExchanges exchanges;
  private AjaxCalls calls;
  private boolean handshaken;
  private boolean polling;
  private boolean pollAgain;

  /**
   * Creates an unopened connection.
   *
   * @param transport makes the HTTP requests
   * @param codec encodes and decodes frames
   * @param scheduler runs the Ajax timeout of each request
   * @param timeout how long each request waits for its response
   * @param clientId the client id, written into POST bodies
   * @param mdc runs the connection's own work with the client's ids in the MDC
   * @param events receives what happens
   */
  public AjaxConnection(ClientTransport transport, FrameCodec codec, Scheduler scheduler, Duration timeout,
      String clientId, Consumer<Runnable> mdc, Events events) {
    this.codec = codec;
    this.timeout = timeout;
    this.clientId = clientId;
    this.events = events;
    this.exchanges = new AjaxExchanges(transport, codec.packer().limits().maxInputBytes(), scheduler, timeout, mdc);
  }

  @Override
  public Via via() {
    return Via.AJAX_POLL;
  }

  /** Sends the handshake GET to {@code uri} (an {@code http:} address with the query every request carries). */
  @Override
  public void open(URI uri, Map<String, List<String>> headers) {
    AjaxCalls c = new AjaxCalls(uri, headers, clientId, timeout, System::currentTimeMillis);
    synchronized (this) {
      if (calls != null) {
        return;
      }
      calls = c;
    }
    exchanges.send(c.handshake(), "handshake", null, this::polled);
  }

  /**
   * POSTs a {@link Frame.ClientEvent}; the returned future completes when the server has answered the POST. Nothing
   * is held: the session sends only after the handshake, and a send before {@link #open} fails.
   */
  @Override
  public CompletableFuture<Void> send(Frame frame) {
    if (!(frame instanceof Frame.ClientEvent)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "over Ajax a client sends only events, not " + frame.kind()));
    }
    Frame.ClientEvent ev = (Frame.ClientEvent) frame;
    AjaxCalls c;
    synchronized (this) {
      c = calls;
    }
    if (c == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("the Ajax connection has not been opened"));
    }
    HttpCall call;
    try {
      call = c.post(OutgoingFrames.pack(codec, new Frame.AjaxEvent(ev.event(), ev.callbackId() != null)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Void> sent = new CompletableFuture<>();
    exchanges.send(call, "POST of " + ev.event().id(), sent,
        (reply, error) -> posted(ev.event(), ev.callbackId(), sent, reply, error));
    return sent;
  }

  @Override
  public void close(CloseReason reason) {
    Runnable abort = exchanges.end(reason);
    if (abort != null) {
      abort.run();
    }
  }

  private void polled(HttpReply reply, Throwable error) {
    boolean open;
    synchronized (this) {
      open = handshaken;
    }
    String what = open ? "poll" : "handshake";
    if (error != null || !successful(reply)) {
      ended(what, open, reply, error);
      return;
    }
    Frame frame;
    try {
      frame = codec.decode(reply.body(), Direction.FROM_SERVER, Via.AJAX_POLL);
    } catch (FrameException e) {
      events.badFrame(this, e); // before the handshake this ends the connection; after it, it is dropped
      nextPoll();
      return;
    }
    if (frame instanceof Frame.Handshake) {
      synchronized (this) {
        handshaken = true;
        open = true;
      }
    }
    if (!(frame instanceof Frame.Timeout) || !open) {
      events.received(this, frame);
    }
    nextPoll();
  }

  /** Sends the next long-poll, unless the connection has ended; a loop, so that prompt answers do not nest. */
  private void nextPoll() {
    synchronized (this) {
      if (exchanges.ended() != null) {
        return;
      }
      if (polling) {
        pollAgain = true;
        return;
      }
      polling = true;
    }
    while (true) {
      HttpCall call;
      synchronized (this) {
        pollAgain = false;
        call = calls.poll();
      }
      exchanges.send(call, "poll", null, this::polled);
      synchronized (this) {
        if (!pollAgain || exchanges.ended() != null) {
          polling = false;
          return;
        }
      }
    }
  }

  private void posted(Event event, String cb, CompletableFuture<Void> sent, HttpReply reply, Throwable error) {
    if (error != null) {
      sent.completeExceptionally(AjaxExchanges.timedOut(error) ? new ReplyTimeoutException(
          "no answer to the POST of " + event.id() + " within " + timeout + " (the Ajax timeout)") : error);
      return;
    }
    if (!successful(reply)) {
      sent.completeExceptionally(new AjaxRefusedException("POST", reply.status(), bodyStart(reply)));
      return;
    }
    Frame answer;
    try {
      answer = codec.decode(reply.body(), Direction.FROM_SERVER, Via.AJAX_POST);
    } catch (FrameException e) {
      events.badFrame(this, e);
      sent.completeExceptionally(new ReplyErrorException("the server's answer to the POST of " + event.id()
          + " was not a frame: " + e.getMessage(), e));
      return;
    }
    if (cb == null) {
      if (answer instanceof Frame.AjaxReply r && Chsk.ERROR.equals(r.value())) { // the server could not take it
        sent.completeExceptionally(new ReplyErrorException("the server answered the POST of " + event.id()
            + " :chsk/error: it could not take the event (PROTOCOL.md §11.3)"));
        return;
      }
      if (!(answer instanceof Frame.AjaxAck)) {
        LOG.debug("client {}: the POST of {} wanted no reply but was answered {}", clientId, event.id(),
            answer.kind());
      }
      sent.complete(null);
    } else if (answer instanceof Frame.AjaxReply) {
      events.received(this, new Frame.Reply(((Frame.AjaxReply) answer).value(), cb));
      sent.complete(null);
    } else if (answer instanceof Frame.Timeout) {
      events.received(this, new Frame.Reply(Chsk.TIMEOUT, cb)); // the server's Ajax reply timeout passed
      sent.complete(null);
    } else {
      sent.completeExceptionally(new ReplyErrorException("the server acknowledged the POST of " + event.id()
          + " but sent no reply"));
    }
  }

  /** A handshake or poll failed: the connection ends, and the session hears how. */
  private void ended(String what, boolean open, HttpReply reply, Throwable error) {
    CloseInfo info;
    Throwable report;
    if (reply != null) {
      String body = bodyStart(reply);
      if (reply.status() == 401 && open) {
        info = new CloseInfo(CloseReason.UNAUTHORIZED, CloseReason.UNAUTHORIZED.code(),
            body.isEmpty() ? CloseReason.UNAUTHORIZED.text() : body, false);
        report = null;
      } else {
        report = new AjaxRefusedException(what, reply.status(), body);
        info = new CloseInfo(CloseReason.ERROR, CloseReason.ABNORMAL.code(), report.getMessage(), false);
      }
    } else if (AjaxExchanges.timedOut(error)) {
      report = error;
      info = new CloseInfo(CloseReason.TIMEOUT, CloseReason.TIMEOUT.code(), error.getMessage(), true);
    } else {
      report = error;
      info = new CloseInfo(CloseReason.ERROR, CloseReason.ABNORMAL.code(), String.valueOf(error.getMessage()), false);
    }
    Runnable abort = exchanges.end(info.reason());
    if (abort == null) {
      return; // closed meanwhile: the session already knows
    }
    events.lost(this, info, report);
    abort.run();
  }

  private static boolean successful(HttpReply reply) {
    return reply.status() >= 200 && reply.status() < 300;
  }

  private static String bodyStart(HttpReply reply) {
    String body = reply.body().asText().strip();
    return body.length() <= BODY_IN_MESSAGES ? body : body.substring(0, BODY_IN_MESSAGES) + "...";
  }
}
