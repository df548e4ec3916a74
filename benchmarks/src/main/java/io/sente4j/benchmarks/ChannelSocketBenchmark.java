package io.sente4j.benchmarks;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerRouter;
import io.sente4j.core.Via;
import io.sente4j.transport.inmemory.InMemoryNetwork;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A {@link ChannelSocketServer} and one {@link ChannelSocketClient} on an {@link InMemoryNetwork}, WebSocket-like
 * connection, in events per second: pushes to the user in batches of {@value #BATCH} (packed by the server, carried,
 * read and dispatched by the client), request/reply round trips, and, in the same run, what the packer alone costs for
 * the same batch: encoding it ({@link #packerEncodeOnly}, the baseline; target: pushes at least 0.85x of it)
 * and encoding plus reading it back ({@link #packerEncodeAndDecode}, the codec work a push cannot avoid).
 *
 * <p>Pushes are measured two ways. {@link #pushBatched} and {@link #pushBatchedServerOnly} wait for each batch to
 * arrive before pushing the next: a batch's round trip, bounded by thread hand-offs. {@link #pushStreamed} and
 * {@link #pushStreamedServerOnly} push as a server does, without waiting for each batch, with a bounded number in
 * flight: the push throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChannelSocketBenchmark {
  static final int BATCH = 100;
  /** The batches of {@link #pushBatchedLarge}: ten times larger, so per-batch costs weigh a tenth as much. */
  static final int LARGE_BATCH = 1000;
  /** The most batches {@link #pushStreamed} and {@link #pushStreamedServerOnly} have in flight. */
  static final int STREAM_WINDOW = 16;
  /** The most batches {@link #pushStreamedLarge} and {@link #pushStreamedServerOnlyLarge} have in flight. */
  static final int LARGE_STREAM_WINDOW = 4;
  /** A {@value #LARGE_BATCH}-event batch in the client handler's unit of account, {@value #BATCH} events. */
  private static final int LARGE_UNITS = LARGE_BATCH / BATCH;
  /**
   * The push buffer's window, far longer than any batch takes to send: every batch here ends with a {@code sendNow},
   * and the default window (30 ms) could cut a batch in two on a slow or loaded machine (then one batch would be two
   * frames, which the frame-counting benchmarks and their tests count as two batches).
   */
  static final Duration SEND_BUFFER_WINDOW = Duration.ofSeconds(10);
  private static final Keyword ECHO = Keyword.of("bench", "echo");
  private static final String RAW_UID = "raw";

  @Param({"edn", "json"})
  public String packer;

  InMemoryNetwork net;
  ChannelSocketServer server;
  ChannelSocketClient client;
  FrameCodec codec;
  List<Event> events;
  List<Event> largeEvents;
  Payload packedBatch;
  Event request;
  /**
   * One permit per {@value #BATCH} pushes the client's handler has seen. Not one per push: the benchmark thread
   * waits for all {@value #BATCH} with {@code tryAcquire(n)}, and a semaphore wakes its waiter on every release, so a
   * permit per push woke the benchmark thread up to {@value #BATCH} times per batch (a profile showed it), a cost of
   * the harness, not of the library.
   */
  final Semaphore pushed = new Semaphore(0);
  /** The pushes the handler has seen; only the handler touches it, and the client runs it one call at a time. */
  private long pushesSeen;
  /** The batches of {@link #pushStreamed} not yet seen whole by the client's handler; set once connected. */
  volatile InFlight streamed;
  /** The frames of {@link #pushStreamedServerOnly} not yet received by the raw socket; set after its handshake. */
  volatile InFlight rawStreamed;
  /** One permit per WebSocket message the raw socket received. */
  final Semaphore rawFrames = new Semaphore(0);
  Channel raw;
  /** The server's side of a bare connection: no channel socket at either end, for {@link #transportOnly}. */
  volatile Channel bareServerSide;
  /** The frames of {@link #transportOnly} not yet received at the bare connection's client side. */
  volatile InFlight bareStreamed;
  Payload packedLargeBatch;

  /** Sets up the trial, with the stream windows of the benchmark it is for (a larger one for the large batches). */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws InterruptedException {
    setUp(params.getBenchmark().endsWith("Large"));
  }

  /** The setup, for {@code large} batches or not: in-flight windows of whole batches of either size. */
  void setUp(boolean large) throws InterruptedException {
    Packer p = PackerRegistry.load().get(packer);
    codec = new FrameCodec(p);
    events = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      events.add(Payloads.chatSend(i));
    }
    packedBatch = codec.encode(new Frame.Push(events));
    largeEvents = new ArrayList<>();
    for (int i = 0; i < LARGE_BATCH; i++) {
      largeEvents.add(Payloads.chatSend(i));
    }
    packedLargeBatch = codec.encode(new Frame.Push(largeEvents));
    request = Payloads.chatSend(0);
    server = ChannelSocketServer.builder(p).withoutCsrfCheck()
        .userId((req, clientId) -> clientId.equals("raw-1") ? RAW_UID : "bench")
        .sendBufferWindow(SEND_BUFFER_WINDOW)
        .eventHandler(ServerRouter.builder().onRequest(ECHO, m -> m.data()).build())
        .build();
    net = InMemoryNetwork.create();
    URI uri = net.bind(URI.create("ws://bench.test/chsk"), server);
    client = ChannelSocketClient.builder(uri, net.clientTransport())
        .packer(p)
        .pushHandler(e -> {
          if (++pushesSeen % BATCH == 0) {
            pushed.release();
            streamed.done();
          }
        })
        .build();
    client.connect().orTimeout(10, TimeUnit.SECONDS).join();
    raw = net.clientTransport().openWebSocket(URI.create(uri + "?client-id=raw-1"), Map.of(), new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {
        // Read before the release: setUp sets rawStreamed once it has taken the handshake's permit, so read after
        // it, the handshake could be counted as a streamed frame (seen as -1 in flight in a loaded build).
        InFlight frames = rawStreamed;
        rawFrames.release();
        if (frames != null) { // null for the handshake
          frames.done();
        }
      }

      @Override
      public void onClose(int code, String reason) {}

      @Override
      public void onError(Throwable error) {}
    }).orTimeout(10, TimeUnit.SECONDS).join();
    acquire(rawFrames, 1); // the handshake
    openBareConnection();
    streamed = new InFlight(large ? LARGE_STREAM_WINDOW * LARGE_UNITS : STREAM_WINDOW);
    rawStreamed = new InFlight(large ? LARGE_STREAM_WINDOW : STREAM_WINDOW);
    bareStreamed = new InFlight(large ? LARGE_STREAM_WINDOW : STREAM_WINDOW);
  }

  /** A connection on the same network whose server side is only a channel: what carrying a frame costs alone. */
  private void openBareConnection() {
    URI bare = net.bind(URI.create("ws://bench.test/bare"), request -> new ServerAnswer.Upgrade(channel -> {
      bareServerSide = channel;
      return ChannelListener.ignoring();
    }));
    net.clientTransport().openWebSocket(URI.create(bare + "?client-id=bare-1"), Map.of(), new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {
        bareStreamed.done();
      }

      @Override
      public void onClose(int code, String reason) {}

      @Override
      public void onError(Throwable error) {}
    }).orTimeout(10, TimeUnit.SECONDS).join();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    raw.close(1000, "done");
    client.close();
    server.stop();
    net.close();
  }

  /**
   * {@value #BATCH} pushes, buffered then flushed as one frame, until the client's handler has seen them all: one
   * batch's round trip, with three thread hand-offs (to the network's I/O thread, to the client's executor, back to
   * the benchmark thread).
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pushBatched() throws InterruptedException {
    for (int i = 0; i < BATCH - 1; i++) {
      server.send("bench", events.get(i));
    }
    server.sendNow("bench", events.get(BATCH - 1));
    acquire(pushed, 1);
  }

  /**
   * The server's half of {@link #pushBatched}: {@value #BATCH} pushes to a user whose only connection is a raw socket
   * that counts frames and reads nothing, so the figure is the server's push path (buffer, flush, pack, hand to the
   * transport) beside {@link #packerEncodeOnly}.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pushBatchedServerOnly() throws InterruptedException {
    for (int i = 0; i < BATCH - 1; i++) {
      server.send(RAW_UID, events.get(i));
    }
    server.sendNow(RAW_UID, events.get(BATCH - 1));
    acquire(rawFrames, 1);
  }

  /**
   * {@link #pushBatched} as a stream: {@value #BATCH} pushes (the last a {@code sendNow}) per operation, as there, but
   * the benchmark thread does not wait for each batch to reach the client's handler before it pushes the next one: it
   * keeps at most {@value #STREAM_WINDOW} batches in flight (see {@link InFlight}). A server pushing to a user does
   * not wait either, so this is the push throughput; {@link #pushBatched} is a batch's round trip, whose three thread
   * hand-offs (benchmark thread to the network's I/O thread to the client's executor and back) the library cannot
   * avoid and a real sender does not wait for. Every batch is still read and dispatched to the handler: at the end of
   * each iteration the benchmark waits until the handler has seen every batch (outside the measured time, so up to
   * {@value #STREAM_WINDOW} of an iteration's thousands of batches are counted before they arrive).
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pushStreamed() {
    streamed.beforeSend();
    for (int i = 0; i < BATCH - 1; i++) {
      server.send("bench", events.get(i));
    }
    server.sendNow("bench", events.get(BATCH - 1));
  }

  /** {@link #pushBatchedServerOnly} as a stream, in the way of {@link #pushStreamed}. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pushStreamedServerOnly() {
    rawStreamed.beforeSend();
    for (int i = 0; i < BATCH - 1; i++) {
      server.send(RAW_UID, events.get(i));
    }
    server.sendNow(RAW_UID, events.get(BATCH - 1));
  }

  /** After each iteration: every streamed batch has arrived before the next iteration (or the trial's end). */
  @TearDown(Level.Iteration)
  public void awaitStreamed() {
    streamed.awaitAll();
    rawStreamed.awaitAll();
    bareStreamed.awaitAll();
  }

  /**
   * {@link #pushBatchedServerOnly} with batches of {@value #LARGE_BATCH}: the per-batch costs (the flush, the hand-off
   * to the transport's thread and back) spread over ten times the events. Compare with {@link
   * #packerEncodeOnlyLarge}.
   */
  @Benchmark
  @OperationsPerInvocation(LARGE_BATCH)
  public void pushBatchedServerOnlyLarge() throws InterruptedException {
    for (int i = 0; i < LARGE_BATCH - 1; i++) {
      server.send(RAW_UID, largeEvents.get(i));
    }
    server.sendNow(RAW_UID, largeEvents.get(LARGE_BATCH - 1));
    acquire(rawFrames, 1);
  }

  /**
   * {@link #pushStreamed} with batches of {@value #LARGE_BATCH}, the server's default {@code maxBatchEvents}: the
   * batches a server makes of a steady stream of pushes to one user, since the event that fills a buffer flushes it.
   * At most {@value #LARGE_STREAM_WINDOW} batches in flight. Compare with {@link #packerEncodeOnlyLarge}.
   */
  @Benchmark
  @OperationsPerInvocation(LARGE_BATCH)
  public void pushStreamedLarge() {
    streamed.beforeSend(LARGE_UNITS);
    for (int i = 0; i < LARGE_BATCH - 1; i++) {
      server.send("bench", largeEvents.get(i));
    }
    server.sendNow("bench", largeEvents.get(LARGE_BATCH - 1));
  }

  /** {@link #pushStreamedLarge}'s server half, to the raw socket, in the way of {@link #pushStreamedServerOnly}. */
  @Benchmark
  @OperationsPerInvocation(LARGE_BATCH)
  public void pushStreamedServerOnlyLarge() {
    rawStreamed.beforeSend();
    for (int i = 0; i < LARGE_BATCH - 1; i++) {
      server.send(RAW_UID, largeEvents.get(i));
    }
    server.sendNow(RAW_UID, largeEvents.get(LARGE_BATCH - 1));
  }

  /**
   * The transport alone: the packed {@value #BATCH}-event frame carried from a bare server-side channel to a client
   * side that only counts it, streamed in the way of {@link #pushStreamedServerOnly}. What the network's hand-off
   * (a wake-up of its I/O thread per frame) costs, without packing or any channel socket code.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void transportOnly() {
    bareStreamed.beforeSend();
    bareServerSide.send(packedBatch);
  }

  /** {@link #transportOnly} with the packed {@value #LARGE_BATCH}-event frame. */
  @Benchmark
  @OperationsPerInvocation(LARGE_BATCH)
  public void transportOnlyLarge() {
    bareStreamed.beforeSend();
    bareServerSide.send(packedLargeBatch);
  }

  /** The packer alone on the {@value #LARGE_BATCH}-event batch. */
  @Benchmark
  @OperationsPerInvocation(LARGE_BATCH)
  public Payload packerEncodeOnlyLarge() {
    return codec.encode(new Frame.Push(largeEvents));
  }

  private static void acquire(Semaphore permits, int n) throws InterruptedException {
    if (!permits.tryAcquire(n, 10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("lost: fewer than " + n + " arrived within 10 s");
    }
  }

  /** One request and its reply, end to end. */
  @Benchmark
  public Object requestReply() {
    return client.send(new Event(ECHO, request.data()), Duration.ofSeconds(10)).join();
  }

  /** The packer alone: the same {@value #BATCH} events encoded as one push frame. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Payload packerEncodeOnly() {
    return codec.encode(new Frame.Push(events));
  }

  /** The packer alone, both ways: the batch encoded, and the frame read back as a client reads it. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Frame packerEncodeAndDecode() {
    return codec.decode(codec.encode(new Frame.Push(events)), Direction.FROM_SERVER, Via.WEBSOCKET);
  }

  /** The read half alone, for reference. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Frame packerDecodeOnly() {
    return codec.decode(packedBatch, Direction.FROM_SERVER, Via.WEBSOCKET);
  }
}
