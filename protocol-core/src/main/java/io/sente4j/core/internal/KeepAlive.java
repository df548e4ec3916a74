package io.sente4j.core.internal;

import io.sente4j.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The server's keep-alive of one WebSocket (PROTOCOL.md §7.1): a sliding idle window that restarts on every frame
 * sent or received; when it runs out, a ping; when no frame arrives within the ping timeout after that, a close.
 *
 * <p>Traffic only stamps the time; the one pending timer checks the stamp when it fires and sleeps again for what is
 * left, so a busy connection costs no timer churn.
 *
 * <p>A scheduler that throws instead of arming a timer (the application shut its executor down) stops the keep-alive
 * for good: without it a dead connection would never be noticed, so the owner is told and closes the connection.
 */
public final class KeepAlive {
  private final Scheduler scheduler;
  private final long intervalNanos;
  private final Duration timeout;
  private final Runnable sendPing;
  private final Runnable onTimeout;
  private final Consumer<RuntimeException> onRefused;
  private final AtomicLong inbound = new AtomicLong();
  private volatile long lastTraffic;
  private Scheduler.Cancellable idleTimer;
  private Scheduler.Cancellable pingTimer;
  private boolean started;
  private boolean stopped;

  /**
   * A keep-alive that does nothing until {@link #start}.
   *
   * @param scheduler the clock and timers
   * @param interval the idle window after which {@code sendPing} runs; positive
   * @param timeout how long to wait for inbound traffic after a ping before {@code onTimeout} runs; {@link
   *     Duration#ZERO} never times out
   * @param sendPing sends the ping (and counts it as outbound traffic)
   * @param onTimeout closes the connection
   * @param onRefused told, once and outside the keep-alive's lock, that the scheduler refused a timer on a timer's
   *     thread; the keep-alive has stopped (a refusal in {@link #start} is returned instead)
   */
  public KeepAlive(Scheduler scheduler, Duration interval, Duration timeout, Runnable sendPing, Runnable onTimeout,
      Consumer<RuntimeException> onRefused) {
    this.scheduler = scheduler;
    this.intervalNanos = TimeUnit.NANOSECONDS.convert(interval); // saturated: past ~292 years means never
    this.timeout = timeout;
    this.sendPing = sendPing;
    this.onTimeout = onTimeout;
    this.onRefused = onRefused;
  }

  /**
   * Starts the idle window now.
   *
   * @return {@code null}, or what the scheduler threw instead of arming the timer: the keep-alive has stopped, and the
   *     caller (which may hold locks {@code onRefused} would need) handles it
   */
  public synchronized RuntimeException start() {
    if (started || stopped) {
      return null;
    }
    started = true;
    lastTraffic = scheduler.nanoTime();
    try {
      armIdle(intervalNanos);
      return null;
    } catch (RuntimeException e) {
      stopped = true;
      return e;
    }
  }

  /** A frame arrived: restarts the idle window and ends any wait for an answer to a ping. */
  public void onInbound() {
    inbound.incrementAndGet();
    lastTraffic = scheduler.nanoTime();
  }

  /** A frame was sent: restarts the idle window. */
  public void onOutbound() {
    lastTraffic = scheduler.nanoTime();
  }

  /** Cancels the timers for good. */
  public synchronized void stop() {
    stopped = true;
    if (idleTimer != null) {
      idleTimer.cancel();
    }
    if (pingTimer != null) {
      pingTimer.cancel();
    }
  }

  private void idleCheck() {
    long mark;
    RuntimeException refused = null;
    synchronized (this) {
      if (stopped) {
        return;
      }
      long idle = scheduler.nanoTime() - lastTraffic;
      mark = inbound.get();
      if (idle < intervalNanos) {
        refused = arm(() -> armIdle(intervalNanos - idle));
        if (refused == null) {
          return;
        }
      }
    }
    if (refused != null) {
      onRefused.accept(refused);
      return;
    }
    sendPing.run();
    synchronized (this) {
      if (stopped) {
        return;
      }
      refused = arm(() -> {
        armIdle(intervalNanos);
        if (!timeout.isZero()) {
          pingTimer = scheduler.schedule(timeout, () -> timeoutCheck(mark));
        }
      });
    }
    if (refused != null) {
      onRefused.accept(refused);
    }
  }

  /**
   * Called holding the lock: arms the idle check. A scheduler may run the check inside {@code schedule} (re-entering
   * the lock), which then arms its successor: that one stays the timer kept, for {@link #stop} to cancel.
   */
  private void armIdle(long delayNanos) {
    Scheduler.Cancellable before = idleTimer;
    Scheduler.Cancellable armed = scheduler.schedule(Duration.ofNanos(delayNanos), this::idleCheck);
    if (idleTimer == before) {
      idleTimer = armed;
    }
  }

  /** Called holding the lock: arms timers, or stops the keep-alive (cancelling any armed) and returns the refusal. */
  private RuntimeException arm(Runnable timers) {
    try {
      timers.run();
      return null;
    } catch (RuntimeException e) {
      stop();
      return e;
    }
  }

  private void timeoutCheck(long mark) {
    synchronized (this) {
      if (stopped || inbound.get() != mark) {
        return;
      }
    }
    onTimeout.run();
  }
}
