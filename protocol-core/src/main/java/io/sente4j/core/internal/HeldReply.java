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
  private final Scheduler.Cancellable timer;

  /**
   * Holds {@code response} and starts its timeout.
   *
   * @param response the POST's held response
   * @param codec packs the reply and the timeout frame
   * @param scheduler the timeout's timer
   * @param timeout the Ajax reply timeout
   * @param onEnd runs once the POST is answered or abandoned (at most once per way; it must be idempotent)
   */
  public HeldReply(HeldResponse response, FrameCodec codec, Scheduler scheduler, Duration timeout, Runnable onEnd) {
    this.response = response;
    this.codec = codec;
    this.timedOut = codec.encode(new Frame.Timeout());
    this.onEnd = onEnd;
    this.timer = scheduler.schedule(timeout, this::timeOut);
    response.onAbandoned(() -> {
      cancelTimer();
      onEnd.run();
    });
  }

  /** Answers {@code [:chsk/timeout nil]} now, unless the POST was answered already (the server stops). */
  public void timeOut() {
    if (complete(timedOut)) {
      cancelTimer();
    }
  }

  /**
   * Answers the POST with the reply.
   *
   * @return false if the POST was already answered (its timeout passed) or the client stopped waiting
   * @throws io.sente4j.core.PackerException if the value cannot be packed; the POST is then still open
   */
  public boolean reply(Object value) {
    Payload packed = codec.encode(new Frame.AjaxReply(value));
    if (!complete(packed)) {
      return false;
    }
    cancelTimer();
    return true;
  }

  /** Whether the POST can still be answered. */
  public boolean isOpen() {
    return response.isOpen();
  }

  private boolean complete(Payload body) {
    boolean done;
    try {
      done = response.complete(200, body);
    } catch (RuntimeException e) {
      LOG.info("The transport failed to answer an Ajax POST", e);
      done = false;
    }
    if (done) {
      onEnd.run();
    }
    return done;
  }

  private void cancelTimer() {
    timer.cancel();
  }
}
