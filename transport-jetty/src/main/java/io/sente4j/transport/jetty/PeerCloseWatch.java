package io.sente4j.transport.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices, within milliseconds, that the client of a held HTTP/1.x exchange closed its connection.
 *
 * <p>Jetty does not read an HTTP/1.1 connection while a request on it is being handled, so a client that goes away
 * during a parked long-poll would otherwise be noticed only at the connection's idle timeout. While the exchange is
 * held this asks the connection's {@link EndPoint} to say when it becomes readable and then reads it: end of stream
 * (or a failed read, or the end point closing) means the peer is gone. A client sends nothing on an HTTP/1.1
 * connection while a request on it is outstanding (none of the clients of this protocol pipelines), so bytes read
 * here are a protocol error: the connection is closed as well.
 *
 * <p>The watch must end before the response is written, since Jetty registers its own read interest once the
 * response is complete and an end point holds one at a time: {@link #stop} withdraws it. Over HTTP/2 the connection
 * is shared by many streams and is read all along; a client that resets its stream fails the request, which {@link
 * HeldExchange} hears through the request's failure listener, so no watch is needed there.
 */
final class PeerCloseWatch implements Callback {
  private static final Logger LOG = LoggerFactory.getLogger(PeerCloseWatch.class);
  private static final CancellationException STOPPED = new CancellationException("the held exchange was answered");

  /** What to do when the peer is gone; called at most once, under no lock of this watch. */
  interface Gone {
    /**
     * The peer closed the connection (or the end point failed).
     *
     * @param cause why (the cause of the abort Jetty is told of)
     * @return whether the exchange was still held (and is now abandoned)
     */
    boolean gone(Throwable cause);
  }

  private final AbstractEndPoint endPoint;
  private final Object lock;
  private final Gone gone;
  private final ByteBuffer scratch = ByteBuffer.allocate(64);
  private boolean stopped; // guarded by lock
  private boolean registered; // guarded by lock: this watch is the end point's read interest

  private PeerCloseWatch(AbstractEndPoint endPoint, Object lock, Gone gone) {
    this.endPoint = endPoint;
    this.lock = lock;
    this.gone = gone;
  }

  /**
   * Starts watching the connection of {@code request}, if it is HTTP/1.x and nothing else is reading it.
   *
   * @param lock the exchange's lock: the watch reads only while holding it and while not {@linkplain #stop stopped}
   * @return the watch, or {@code null} when the connection cannot be watched (HTTP/2, or someone else reads it)
   */
  static PeerCloseWatch start(Request request, Object lock, Gone gone) {
    HttpVersion version = request.getConnectionMetaData().getHttpVersion();
    if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
      return null;
    }
    if (!(request.getConnectionMetaData().getConnection().getEndPoint() instanceof AbstractEndPoint ep)) {
      return null;
    }
    PeerCloseWatch watch = new PeerCloseWatch(ep, lock, gone);
    synchronized (lock) {
      watch.registered = true; // before: an end point may call back at once, which clears it
      if (!ep.tryFillInterested(watch)) {
        watch.registered = false;
        return null;
      }
      return watch;
    }
  }

  /** Withdraws the read interest; call holding the exchange's lock, before the response is written. */
  void stop() {
    stopped = true;
    if (registered) {
      registered = false;
      endPoint.getFillInterest().onFail(STOPPED); // calls failed(STOPPED) now, if the interest is still there
    }
  }

  /** The connection is readable: the peer closed it, or (a protocol error) sent bytes. */
  @Override
  public void succeeded() {
    Throwable cause;
    synchronized (lock) {
      registered = false;
      if (stopped) {
        return;
      }
      cause = read();
      if (cause == null) {
        return; // nothing yet (a TLS record with no data): watching again
      }
    }
    ended(cause);
  }

  /** The end point failed or closed under the watch, or {@link #stop} withdrew it. */
  @Override
  public void failed(Throwable x) {
    synchronized (lock) {
      if (x == STOPPED) {
        return;
      }
      registered = false;
      if (stopped) {
        return;
      }
    }
    ended(x);
  }

  /** Reads once; the reason the peer is gone, or {@code null} after re-registering when there was nothing. */
  private Throwable read() {
    scratch.clear().flip(); // Jetty fills a buffer in flush mode: empty, limit 0
    int n;
    try {
      n = endPoint.fill(scratch);
    } catch (IOException e) {
      return e;
    }
    if (n < 0) {
      return new EofException("the client closed the connection while its request was held");
    }
    if (n > 0) {
      endPoint.close(new IOException("the client sent " + n + " byte(s) while its request was held"));
      return new EofException("the client sent bytes while its request was held (pipelining is not supported)");
    }
    registered = true;
    if (!endPoint.tryFillInterested(this)) {
      registered = false;
      LOG.debug("could not watch {} again: another reader is registered", endPoint);
    }
    return null;
  }

  private void ended(Throwable cause) {
    if (gone.gone(cause)) {
      LOG.debug("the client of a held exchange went away: {}", cause.toString());
    }
  }

  @Override
  public InvocationType getInvocationType() {
    return InvocationType.BLOCKING; // the core's abandon actions run in gone(): not on the selector thread
  }
}
