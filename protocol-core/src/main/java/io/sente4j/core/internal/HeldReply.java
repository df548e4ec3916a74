package io.sente4j.core.internal;

import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.HeldResponse;
import io.sente4j.core.Payload;
import io.sente4j.core.Scheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The held response of an Ajax POST that wants a reply (PROTOCOL.md §9.3): answered once, with the application's
 * reply {@code [value nil]}, or with {@code [:chsk/timeout nil]} when the Ajax reply timeout passes first. A reply
 * that comes later, or after the client stopped waiting, is refused so that it can be reported.
 */
public final class HeldReply {
  private static final Logger LOG = LoggerFactory.getLogger(HeldReply.class);

  private final HeldResponse response;
  private final FrameCodec codec;
  private final Payload timedOut;
  private final Runnable onEnd;
  // The timer may fire (and end this reply) before schedule() returns, on a timer thread whose clock moved past a
  // short timeout meanwhile; whichever of ended() and the constructor comes second cancels it.
  private volatile Scheduler.Cancellable timer;
  private volatile boolean hasEnded;

  /**
   * Holds {@code response} and starts its timeout.
   *
   * @param response the POST's held response
   * @param codec packs the reply
   * @param timedOut {@code [:chsk/timeout nil]}, packed by {@code codec}
   * @param scheduler the timeout's timer
   * @param timeout the Ajax reply timeout
   * @param onEnd runs once the POST is answered, refused or abandoned, or its response is found closed; it may run
   *     again after that (a late reply finds the response closed), so it must be idempotent
   * @throws RuntimeException what the scheduler threw if it refuses the timeout (it was shut down); nothing is held
   *     then
   */
  public HeldReply(HeldResponse response, FrameCodec codec, Payload timedOut, Scheduler scheduler, Duration timeout,
      Runnable onEnd) {
    this.response = response;
    this.codec = codec;
    this.timedOut = timedOut;
    this.onEnd = onEnd;
    Scheduler.Cancellable armed = scheduler.schedule(timeout, this::timeOut);
    this.timer = armed;
    if (hasEnded) {
      armed.cancel();
    }
    response.onAbandoned(this::ended);
  }

  /** Answers {@code [:chsk/timeout nil]} now, unless the POST was answered already (the server stops). */
  public void timeOut() {
    complete(200, timedOut);
  }

  /**
   * Answers the POST with an HTTP error instead of a frame: its work could not start (the handler executor refused
   * it). Ends the held reply as an answer does.
   *
   * @param status the HTTP status
   * @param body the plain-text body
   */
  public void refuse(int status, String body) {
    complete(status, Payload.text(body));
  }

  /**
   * Answers the POST with the reply.
   *
   * @return false if the POST was already answered (its timeout passed) or the client stopped waiting
   * @throws io.sente4j.core.PackerException if the value cannot be packed; the POST is then still open
   */
  public boolean reply(Object value) {
    Payload packed = codec.encode(new Frame.AjaxReply(value));
    return complete(200, packed);
  }

  /** Whether the POST can still be answered. */
  public boolean isOpen() {
    return response.isOpen();
  }

  /**
   * Completes the response; once it is completed, or found closed (the transport threw, having closed it), the
   * timeout is cancelled and the end runs, so that nothing keeps a POST no answer can reach any more.
   */
  private boolean complete(int status, Payload body) {
    boolean done;
    try {
      done = response.complete(status, body);
    } catch (RuntimeException e) {
      LOG.info("The transport failed to answer an Ajax POST", e);
      done = false;
    }
    if (done || !response.isOpen()) {
      ended();
    }
    return done;
  }

  private void ended() {
    hasEnded = true;
    Scheduler.Cancellable armed = timer;
    if (armed != null) {
      armed.cancel();
    }
    onEnd.run();
  }
}
