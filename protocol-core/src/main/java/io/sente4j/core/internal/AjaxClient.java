package io.sente4j.core.internal;

import io.sente4j.core.CloseReason;
import io.sente4j.core.Event;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.HeldResponse;
import io.sente4j.core.Payload;
import io.sente4j.core.Scheduler;
import io.sente4j.core.ServerRequest;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of one Ajax connection: one client (uid and client id) from its handshake until it is
 * forgotten (PROTOCOL.md §5.4, §7.4, §8.1). It parks the client's poll on a {@link HeldResponse}, with no thread
 * held, and answers it exactly once: with a push, with {@code :chsk/timeout} after the long-poll timeout, when a
 * newer poll or handshake replaces it, or when the server closes the connection; with {@code 503} ({@link
 * #UNTIMED_POLL}) when the scheduler refuses its long-poll timeout. Batches flushed while no poll is parked are held
 * (bounded, {@link HeldPushes}) for the next poll within the push retry window, and every batch dropped is reported.
 *
 * <p>Presence: a parked poll counts the client as connected; when it ends without a new one, the disconnect grace
 * starts. The client is forgotten (its next GET gets a new handshake) once it has had no poll parked for the grace
 * and holds no batch, or at once when the server closes it. All state is guarded by this object's lock; the {@link
 * Host} is called under it and must only hand work on.
 */
public final class AjaxClient {
  /**
   * The query parameter with which a sente4j client numbers its Ajax connections on their handshakes and polls,
   * each number higher than the last (PROTOCOL.md §5.2); a Sente client sends none.
   */
  public static final String CONNECTION = "sente4j-conn";
  /**
   * The body of the {@code 503} for a poll whose long-poll timeout the scheduler refused. Not {@code :chsk/timeout},
   * after which a client polls again at once: with a scheduler refusing for good (an application's, shut down while
   * the server runs) that is a loop of polls answered at once. A non-2xx poll ends the client's connection, which it
   * tries again after its backoff.
   */
  public static final String UNTIMED_POLL = "Service unavailable: the long-poll could not be timed";
  private static final Logger LOG = LoggerFactory.getLogger(AjaxClient.class);

  /** What an Ajax connection reports to its server. Called under the client's lock: must only hand work on. */
  public interface Host {
    /** The client counts as connected now (a poll is parked, or is being answered at once). */
    void presenceOpened(AjaxClient client);

    /** The client's poll ended and no new one is parked: its disconnect grace starts. */
    void presenceEnded(AjaxClient client);

    /**
     * Held pushes were dropped.
     *
     * @param events how many events
     * @param why why, in words
     */
    void dropped(AjaxClient client, int events, String why);

    /**
     * The client is forgotten: remove it from the registry.
     *
     * @param reason why: the close's reason, or {@link CloseReason#TIMEOUT} when it stopped polling
     */
    void forgotten(AjaxClient client, CloseReason reason);

    /**
     * The scheduler refused one of the client's timers; the client did at once what the timer would have made it do.
     *
     * @param what the timer and what was done instead, in words
     * @param error what the scheduler threw
     */
    void timerRefused(AjaxClient client, String what, RuntimeException error);
  }

  private final Object uid;
  private final String clientId;
  private final FrameCodec codec;
  private final Scheduler scheduler;
  private final AjaxSettings settings;
  private final Host host;
  private final SerialExecutor serial;
  private final Payload timeout;
  private final HeldPushes held;
  private final HeldPushJoiner joiner;
  private volatile ServerRequest request;
  private long connection; // the newest connection number the client has named; 0 while it names none
  private HeldResponse parked;
  private Scheduler.Cancellable pollTimer;
  private Scheduler.Cancellable expiryTimer;
  private Scheduler.Cancellable idleTimer;
  /**
   * Numbers the grace timers: one that fires as it is cancelled (a cancel cannot stop a timer already running) finds
   * itself replaced and does nothing, as {@link PresenceTable}'s do.
   */
  private long idleGeneration;
  private boolean counted;
  private boolean idleOver;
  private boolean gone;
  private boolean untimed; // forgotten at once because the scheduler refused its disconnect grace timer

  /**
   * A client that has just been sent its handshake; call {@link #handshake} next.
   *
   * @param uid the user id
   * @param clientId the client id
   * @param request the handshake request
   * @param codec packs joined pushes
   * @param timeout {@code [:chsk/timeout nil]}, packed by {@code codec}
   * @param handlers the executor behind the client's serial queue
   * @param scheduler the long-poll, retry-window and grace timers
   * @param settings the Ajax settings
   * @param host told of presence, drops and the end
   */
  public AjaxClient(Object uid, String clientId, ServerRequest request, FrameCodec codec, Payload timeout,
      Executor handlers, Scheduler scheduler, AjaxSettings settings, Host host) {
    this.uid = uid;
    this.clientId = clientId;
    this.request = request;
    this.codec = codec;
    this.scheduler = scheduler;
    this.settings = settings;
    this.host = host;
    this.serial = new SerialExecutor(handlers);
    this.timeout = timeout;
    this.held = new HeldPushes(settings.maxHeldEvents(), settings.maxHeldBytes());
    this.joiner = new HeldPushJoiner(codec, uid, clientId);
  }

  /** The user id. */
  public Object uid() {
    return uid;
  }

  /** The client id. */
  public String clientId() {
    return clientId;
  }

  /** The request of the client's latest handshake. */
  public ServerRequest request() {
    return request;
  }

  /** The client's serial queue on the handler executor (its presence events run there). */
  public SerialExecutor serial() {
    return serial;
  }

  /** The codec of the packer the client handshook with: its pushes, replies and POSTs use it. */
  public FrameCodec codec() {
    return codec;
  }

  /**
   * Runs {@code action} under the client's lock unless the client is forgotten. The host hears of the forget under
   * the same lock, so the action comes wholly before the forget or not at all; it must only hand work on, as the
   * host's calls do.
   *
   * @return false, running nothing, if the client is already forgotten
   */
  public synchronized boolean ifLive(Runnable action) {
    if (gone) {
      return false;
    }
    action.run();
    return true;
  }

  /** Whether a poll is parked now. */
  public synchronized boolean hasParkedPoll() {
    return parked != null;
  }

  /**
   * Whether the client was forgotten at once because the scheduler refused its disconnect grace timer, which bounds
   * how long a client that stops polling is kept: a handshake that started it started nothing to poll on.
   */
  public synchronized boolean forgottenUntimed() {
    return untimed;
  }

  /** How many events are held for the next poll now. */
  public synchronized int heldEvents() {
    return held.eventCount();
  }

  /**
   * A handshake (re)starts the connection: a parked poll of the previous one is answered {@code :chsk/timeout}.
   * Held batches stay for the next poll, since they were meant for this same client.
   *
   * @param handshakeRequest the handshake request
   * @return false, changing nothing, if the client is already forgotten
   */
  public synchronized boolean handshake(ServerRequest handshakeRequest) {
    if (gone) {
      return false;
    }
    this.request = handshakeRequest;
    this.connection = Math.max(connection, connectionNumber(handshakeRequest));
    if (parked != null) {
      answerParked(timeout);
    } else {
      startIdle();
    }
    return true;
  }

  /**
   * A poll: answered at once with what is held (as much as one frame the client can read holds, {@link
   * HeldPushJoiner}; the rest waits for the next poll), or parked until a push, the long-poll timeout, a newer poll or
   * the server closing; answered {@code 503} at once if the scheduler refuses its long-poll timeout. A poll parked
   * before is answered {@code :chsk/timeout}.
   *
   * @return false, changing nothing, if the client is already forgotten (the poll then needs a handshake)
   */
  public synchronized boolean poll(HeldResponse response) {
    return poll(response, 0);
  }

  /**
   * A poll that names the connection it belongs to ({@link #CONNECTION}): one of an older connection of this client,
   * which the client has given up, is answered {@code :chsk/timeout} at once and changes nothing, so that it cannot
   * take a push meant for the connection the client now polls on (PROTOCOL.md §5.4). A newer connection's poll is
   * taken as that connection's.
   *
   * @param connection the poll's connection number, or 0 when it names none (a Sente client)
   * @return false, changing nothing, if the client is already forgotten (the poll then needs a handshake)
   */
  public synchronized boolean poll(HeldResponse response, long connection) {
    if (gone) {
      return false;
    }
    if (!response.isOpen()) {
      return true; // the client stopped waiting before the poll got here
    }
    if (connection != 0 && connection < this.connection) {
      complete(response, timeout);
      return true;
    }
    this.connection = Math.max(this.connection, connection);
    cancelIdle();
    if (!counted) {
      counted = true;
      host.presenceOpened(this);
    }
    if (parked != null) {
      HeldResponse older = parked;
      parked = null;
      cancel(pollTimer);
      complete(older, timeout);
    }
    if (!held.isEmpty()) {
      List<HeldPushes.Batch> batches = held.takeAll();
      HeldPushJoiner.Joined joined;
      try {
        joined = joiner.join(batches);
      } catch (VirtualMachineError e) { // the joiner lets only these out: the batches stay held, for a later poll
        held.putBack(batches);
        throw e;
      }
      if (complete(response, joined.push())) {
        cancel(expiryTimer);
        expiryTimer = null;
        if (joined.batches() < batches.size()) { // the rest waits for the next poll, in order
          held.putBack(batches.subList(joined.batches(), batches.size()));
          scheduleExpiry();
        }
      } else {
        held.putBack(batches);
      }
      ended();
      return true;
    }
    parked = response;
    pollTimer = arm(settings.longPollTimeout(), () -> pollTimedOut(response),
        "long-poll timeout timer; the poll was answered 503 at once");
    if (pollTimer == null) {
      answerParked(503, Payload.text(UNTIMED_POLL));
      return true;
    }
    response.onAbandoned(() -> abandoned(response)); // may run at once, on this thread: the state is consistent
    return true;
  }

  /**
   * A flushed batch for this client: answers the parked poll with it, or holds it for the next poll.
   *
   * @param events the batch's events
   * @param packed the batch packed as one push frame
   * @return false, holding nothing, if the client is already forgotten (or is as its poll ends)
   */
  public synchronized boolean deliver(List<Event> events, Payload packed) {
    if (gone) {
      return false;
    }
    if (parked != null) {
      HeldResponse poll = parked;
      parked = null;
      cancel(pollTimer);
      boolean sent = complete(poll, packed);
      ended();
      if (sent) {
        return true;
      }
      if (gone) { // its grace, refused, forgot it at once: held, the batch would wait for a poll that never comes
        return false;
      }
    }
    boolean wasEmpty = held.isEmpty();
    List<HeldPushes.Batch> dropped = held.add(new HeldPushes.Batch(events,
        packed, scheduler.nanoTime() + settings.pushRetryWindow().toNanos()));
    if (!dropped.isEmpty()) {
      host.dropped(this, HeldPushes.eventsIn(dropped), "the pushes held for the next poll exceed the limit of "
          + settings.maxHeldEvents() + " events or " + settings.maxHeldBytes() + " bytes (oldest dropped first)");
    }
    if (wasEmpty && !held.isEmpty()) {
      scheduleExpiry();
    }
    return true;
  }

  /**
   * The server ends the connection (a close, or a stop): a parked poll is answered {@code :chsk/timeout}, held
   * batches are dropped and reported with {@code why}, and the client is forgotten.
   *
   * @return false if it was already forgotten
   */
  public synchronized boolean close(CloseReason reason, String why) {
    if (gone) {
      return false;
    }
    if (parked != null) { // answered without the grace that ended() starts: the client is forgotten below, for reason
      unpark(200, timeout);
      presenceEnded();
    }
    cancel(idleTimer);
    cancel(expiryTimer);
    List<HeldPushes.Batch> dropped = held.takeAll();
    if (!dropped.isEmpty()) {
      host.dropped(this, HeldPushes.eventsIn(dropped), why);
    }
    forget(reason);
    return true;
  }

  private void pollTimedOut(HeldResponse response) {
    synchronized (this) {
      if (parked == response) {
        answerParked(timeout);
      }
    }
  }

  private void abandoned(HeldResponse response) {
    synchronized (this) {
      if (parked == response) {
        parked = null;
        cancel(pollTimer);
        ended();
      }
    }
  }

  private void answerParked(Payload body) {
    answerParked(200, body);
  }

  private void answerParked(int status, Payload body) {
    unpark(status, body);
    ended();
  }

  private void unpark(int status, Payload body) {
    HeldResponse poll = parked;
    parked = null;
    cancel(pollTimer);
    complete(poll, status, body);
  }

  /** No poll is parked any more: presence starts its grace, and so does forgetting. */
  private void ended() {
    presenceEnded();
    startIdle();
  }

  private void presenceEnded() {
    if (counted) {
      counted = false;
      host.presenceEnded(this);
    }
  }

  private void startIdle() {
    cancel(idleTimer);
    idleOver = false;
    long generation = ++idleGeneration;
    idleTimer = arm(settings.disconnectGrace(), () -> idleTimedOut(generation),
        "disconnect grace timer; the grace ended at once");
    if (idleTimer == null) {
      idleOver = true;
      maybeForget();
      untimed = gone;
    }
  }

  private void cancelIdle() {
    cancel(idleTimer);
    idleTimer = null;
    idleGeneration++;
    idleOver = false;
  }

  private synchronized void idleTimedOut(long generation) {
    if (gone || parked != null || generation != idleGeneration) {
      return;
    }
    idleOver = true;
    maybeForget();
  }

  private void scheduleExpiry() {
    HeldPushes.Batch first = held.first();
    if (first == null) {
      return;
    }
    Scheduler.Cancellable before = expiryTimer;
    Scheduler.Cancellable armed = arm(java.time.Duration.ofNanos(first.deadlineNanos() - scheduler.nanoTime()),
        this::expire, "push retry window timer; the pushes held for the next poll were dropped at once");
    if (armed != null) {
      if (expiryTimer == before) { // else a scheduler ran expire() inside schedule(), which armed the timer kept
        expiryTimer = armed;
      }
    } else { // nothing would bound how long they are held
      expiryTimer = null;
      List<HeldPushes.Batch> dropped = held.takeAll();
      host.dropped(this, HeldPushes.eventsIn(dropped), "the scheduler refused the push retry window timer");
      maybeForget();
    }
  }

  /**
   * Called holding the lock: arms a timer, or tells the host the scheduler refused it and returns {@code null}, for
   * the caller to do at once what the timer would have made it do.
   */
  private Scheduler.Cancellable arm(java.time.Duration delay, Runnable task, String what) {
    try {
      return scheduler.schedule(delay, task);
    } catch (RuntimeException e) {
      host.timerRefused(this, what, e);
      return null;
    }
  }

  private synchronized void expire() {
    if (gone) {
      return;
    }
    List<HeldPushes.Batch> expired = held.expire(scheduler.nanoTime());
    if (!expired.isEmpty()) {
      host.dropped(this, HeldPushes.eventsIn(expired), "no poll came within the push retry window of "
          + settings.pushRetryWindow());
    }
    scheduleExpiry();
    maybeForget();
  }

  private void maybeForget() {
    if (idleOver && parked == null && held.isEmpty() && !gone) {
      forget(CloseReason.TIMEOUT);
    }
  }

  private void forget(CloseReason reason) {
    gone = true;
    cancel(idleTimer);
    cancel(expiryTimer);
    Mdc.run(uid, clientId, () -> LOG.debug("Ajax connection forgotten"));
    host.forgotten(this, reason);
  }

  private boolean complete(HeldResponse response, Payload body) {
    return complete(response, 200, body);
  }

  private boolean complete(HeldResponse response, int status, Payload body) {
    try {
      return response.complete(status, body);
    } catch (RuntimeException e) {
      Mdc.run(uid, clientId, () -> LOG.info("The transport failed to answer a poll", e));
      return false;
    }
  }

  private static void cancel(Scheduler.Cancellable timer) {
    if (timer != null) {
      timer.cancel();
    }
  }

  @Override
  public synchronized String toString() {
    return "AjaxClient[uid=" + uid + ", clientId=" + clientId + (parked != null ? ", parked" : "")
        + ", held=" + held.eventCount() + (gone ? ", gone" : "") + "]";
  }

  /** The request's connection number; 0 when it names none or none that reads as a positive number. */
  public static long connectionNumber(ServerRequest request) {
    String value = request.queryParam(CONNECTION).orElse("");
    if (value.isEmpty() || value.length() > 18) {
      return 0;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return 0;
      }
    }
    return Long.parseLong(value);
  }
}
