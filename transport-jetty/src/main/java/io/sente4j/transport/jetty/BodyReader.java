package io.sente4j.transport.jetty;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request's body into one array, up to a bound (at most {@link JettyChannelHandler#MAX_BODY_BYTES}, the
 * largest array), holding no thread while the body is on its way; a body past the bound is left unread. The outcome
 * is handed over on whichever thread finished the read.
 *
 * <p>Jetty's {@code Content.Source.asByteArrayAsync} is not used: past its bound (or on a transient read failure)
 * it fails the request <em>after</em> handing over the failure, but the 413 the handler writes then has usually
 * completed the exchange already, and Jetty may have recycled the request by the time it is failed (a
 * NullPointerException in {@code HttpChannelState$ChannelRequest.fail}, logged by Jetty). This never fails the
 * request: the outcome completes the exchange, and Jetty discards or closes what is left of the body.
 */
final class BodyReader implements Runnable {
  private static final int FIRST_CAPACITY = 4096;
  /**
   * The most allocated up front for a declared Content-Length: beyond it the array grows as bytes arrive, so a
   * client declaring a large body and sending none cannot make the server allocate the whole bound per request.
   */
  private static final int MAX_FIRST_CAPACITY = 64 * 1024;

  /** What became of the read; exactly one method is called, once. */
  interface Outcome {
    /** The whole body, at most the bound long. */
    void body(byte[] body);

    /**
     * The body is longer than the bound; nothing more is read.
     *
     * @param bytesSeen how many bytes had arrived when the bound was passed
     */
    void tooLarge(long bytesSeen);

    /**
     * The body stopped arriving: the idle timeout passed before its end; nothing more is read.
     *
     * @param bytesSeen how many bytes had arrived
     */
    void timedOut(long bytesSeen);

    /** Reading failed (the client went away). */
    void failed(Throwable failure);
  }

  private final Request request;
  private final int max;
  private final Outcome outcome;
  private byte[] bytes;
  private int length;

  private BodyReader(Request request, int max, Outcome outcome) {
    this.request = request;
    this.max = max;
    this.outcome = outcome;
    long declared = request.getLength();
    long first = declared >= 0 ? Math.min(declared, MAX_FIRST_CAPACITY) : FIRST_CAPACITY;
    this.bytes = new byte[(int) Math.min(first, this.max)];
  }

  /** Starts reading the body of {@code request}, up to {@code max} bytes; {@code outcome} hears how it ended. */
  static void read(Request request, int max, Outcome outcome) {
    new BodyReader(request, max, outcome).run();
  }

  @Override
  public void run() {
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        if (chunk.getFailure() instanceof TimeoutException) {
          outcome.timedOut(length); // the client's delay, which deserves a 408, not a server error
        } else {
          outcome.failed(chunk.getFailure());
        }
        return;
      }
      ByteBuffer data = chunk.getByteBuffer();
      int n = data.remaining();
      if (n > max - length) {
        chunk.release();
        outcome.tooLarge((long) length + n);
        return;
      }
      append(data);
      boolean last = chunk.isLast();
      chunk.release();
      if (last) {
        outcome.body(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
        return;
      }
    }
  }

  private void append(ByteBuffer data) {
    int n = data.remaining();
    if (n > bytes.length - length) {
      long doubled = Math.max(2L * bytes.length, (long) length + n);
      bytes = Arrays.copyOf(bytes, (int) Math.min(doubled, max));
    }
    data.get(bytes, length, n);
    length += n;
  }
}
