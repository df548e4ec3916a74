package io.sente4j.core.internal;

import io.sente4j.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A client's keep-alive on one connection (PROTOCOL.md §7.5): a sliding idle window that restarts on every frame
 * sent or received; when it passes, a ping with a fresh callback id; when the matching pong does not come within
 * the pong timeout, the connection is dead. Other traffic does not end the wait for the pong. Guarded by the lock
 * given to the constructor.
 */
public final class ClientKeepAlive {

  /** What the keep-alive asks of its client; called under the lock. */
  public interface Actions {
    /** Sends a client ping with {@code callbackId}. */
    void sendPing(String callbackId);

    /** No pong came in time: close the connection with ping-timeout. */
    void pongTimedOut();

    /**
     * The scheduler threw {@code refused} instead of arming the keep-alive's timer, which has stopped: the
     * connection can no longer be watched.
     */
    void timerRefused(RuntimeException refused);
  }

  private final Object lock;
  private final Scheduler scheduler;
  private final long intervalNanos;
  private final Duration interval;
  private final Duration pongTimeout;
  private final Supplier<String> callbackIds;
  private final Actions actions;
  private long generation;
  private boolean running;
  private long lastTraffic;
  private String awaiting;
  private Scheduler.Cancellable timer;

  /**
   * Creates a stopped keep-alive.
   *
   * @param lock the client's lock
   * @param scheduler clock and timers
   * @param interval the idle window; zero or negative turns pings off
   * @param pongTimeout how long a ping waits for its pong
   * @param callbackIds fresh callback ids, shared with the client's requests
   * @param actions what to do on the connection
   */
  public ClientKeepAlive(Object lock, Scheduler scheduler, Duration interval, Duration pongTimeout,
      Supplier<String> callbackIds, Actions actions) {
    this.lock = lock;
    this.scheduler = scheduler;
    this.interval = interval;
    this.intervalNanos = TimeUnit.NANOSECONDS.convert(interval); // saturated: past ~292 years means never
    this.pongTimeout = pongTimeout;
    this.callbackIds = callbackIds;
    this.actions = actions;
  }

  /** Starts watching a newly opened connection. */
  public void start() {
    synchronized (lock) {
      stop();
      if (intervalNanos <= 0) {
        return;
      }
      running = true;
      lastTraffic = scheduler.nanoTime();
      long gen = generation;
      arm(interval, () -> idleCheck(gen));
    }
  }

  /** Stops watching: no more pings, no timeout. */
  public void stop() {
    synchronized (lock) {
      generation++;
      running = false;
      awaiting = null;
      if (timer != null) {
        timer.cancel();
        timer = null;
      }
    }
  }

  /** A frame was sent or received: the idle window slides. */
  public void traffic() {
    synchronized (lock) {
      if (running) {
        lastTraffic = scheduler.nanoTime();
      }
    }
  }

  /**
   * A pong arrived.
   *
   * @return whether it answered the ping in flight; otherwise it is an ordinary reply of {@code "pong"}
   */
  public boolean pong(String callbackId) {
    synchronized (lock) {
      if (!running || awaiting == null || !awaiting.equals(callbackId)) {
        return false;
      }
      awaiting = null;
      timer.cancel();
      lastTraffic = scheduler.nanoTime();
      long gen = generation;
      arm(interval, () -> idleCheck(gen));
      return true;
    }
  }

  /** The callback id of the ping waiting for its pong, or {@code null}. */
  public String awaiting() {
    synchronized (lock) {
      return awaiting;
    }
  }

  private void idleCheck(long gen) {
    synchronized (lock) {
      if (gen != generation || !running) {
        return;
      }
      long idle = scheduler.nanoTime() - lastTraffic;
      if (idle < intervalNanos) {
        arm(Duration.ofNanos(intervalNanos - idle), () -> idleCheck(gen));
        return;
      }
      String cb = callbackIds.get();
      awaiting = cb;
      // Only a ping whose pong can be waited for: not when the timer was refused, nor when a scheduler ran the pong
      // timeout inside schedule() and it stopped the keep-alive (the connection is being closed as dead).
      if (arm(pongTimeout, () -> pongCheck(gen, cb)) && cb.equals(awaiting)) {
        actions.sendPing(cb);
      }
    }
  }

  /**
   * Arms the timer; when the scheduler throws instead (its executor was shut down), stops and tells the client, never
   * the caller: a transport's thread, the timer's, or the handshake's.
   *
   * <p>A scheduler may run the check inside {@code schedule} (re-entering the lock); what it did to the timer (armed
   * the next check, or stopped) then stands, rather than the handle of a check that has run.
   *
   * @return whether the timer is armed
   */
  private boolean arm(Duration delay, Runnable check) {
    try {
      Scheduler.Cancellable before = timer;
      Scheduler.Cancellable armed = scheduler.schedule(delay, check);
      if (timer == before) {
        timer = armed;
      }
      return true;
    } catch (RuntimeException refused) {
      stop();
      actions.timerRefused(refused);
      return false;
    }
  }

  private void pongCheck(long gen, String cb) {
    synchronized (lock) {
      if (gen != generation || !cb.equals(awaiting)) {
        return;
      }
      stop();
      actions.pongTimedOut();
    }
  }
}
