package io.sente4j.benchmarks;

import io.sente4j.client.jdk.JdkClientTransport;
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
import io.sente4j.core.ServerRouter;
import io.sente4j.core.Via;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
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

/**
 * sente4j over a real WebSocket on 127.0.0.1 ({@code JettyChannelServer} and a {@code ChannelSocketClient} on {@code
 * JdkClientTransport}) against a raw Jetty 12 WebSocket server ({@link RawEchoServer}) driven by a bare {@code
 * java.net.http} WebSocket ({@link RawWebSocketClient}), in the same run, on the same payloads. Target: sente4j at
 * least 0.8x raw.
 *
 * <ul>
 *   <li>Client to server events, in events per second: {@link #sente4jClientEvents} against {@link #rawClientEvents}
 *       (one event packed beforehand, sent again and again) and {@link #rawClientEventsWithCodec} (the raw client packs
 *       each event and the raw server reads each back with the same packer).
 *       Each event is its own WebSocket message (a Sente client does not batch). An operation is {@value #BATCH}
 *       sends; the server counts what it reads (sente4j: the event handler; raw: the message listener) and the
 *       sender keeps at most {@link #EVENTS_WINDOW} operations unacknowledged by that count (within the server's
 *       default receive queue of 1,000 events).
 *   <li>Server to client pushes, in events per second: {@link #sente4jPushes} ({@value #BATCH} {@code send}s to the
 *       user, the last a {@code sendNow}, which the server packs into one push frame, as it batches) against {@link
 *       #rawPushes} (the same frame, packed once beforehand, sent as text) and {@link #rawPushesWithCodec} (the raw
 *       server packs the batch and the raw client reads it back with the same packer: the codec work the library
 *       cannot avoid, on the raw transport). The client counts whole batches (sente4j: in its push handler); at most
 *       {@value #WINDOW} batches in flight.
 *   <li>Request/reply latency, {@link Mode#SampleTime} (p50, p99): {@link #sente4jRequestReply} (a request with a
 *       callback, answered by the server's handler with the request's data) against {@link #rawRequestReply} (the
 *       same request frame, as sente4j's client packs it, sent to the echo server; the client waits for the echo).
 * </ul>
 *
 * <p>The windows are acknowledged by count, never by time: at the end of each iteration the benchmark waits until
 * everything sent has been counted (outside the measured time, so at most {@value #WINDOW} operations of an
 * iteration's thousands are counted before they arrive).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LoopbackBenchmark {
  static final int BATCH = 100;
  static final int WINDOW = 16;
  /**
   * The window of client events, in batches: it must fit the server's receive queue (events read and not yet
   * handled), because an event without a callback that overflows it closes the connection (PROTOCOL.md §11.3).
   */
  static final int EVENTS_WINDOW = ChannelSocketServer.Builder.DEFAULT_RECEIVE_ITEMS / BATCH - 2;
  private static final Keyword ECHO = Keyword.of("bench", "echo");
  private static final Keyword SEND = Keyword.of("chat", "send");
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

  @Param({"edn", "json"})
  public String packer;

  /**
   * {@code library}: the client's and the server's own executors, as an application gets them (the default, and
   * the only one the figures against the target use). {@code direct}: both run their tasks on the calling thread (the
   * transport's), which tells how much of the cost is those thread hand-offs; a diagnostic only, since it runs
   * application code on transport threads. Choose it with {@code -p executors=direct}.
   */
  @Param({"library"})
  public String executors;

  /**
   * The raw client's {@code HttpClient}: {@code default}, as {@code HttpClient.newBuilder()} makes it (its selector
   * thread hands each message read to a worker of its own pool); {@code selector}, with a direct executor, so that the
   * selector thread reads the messages itself, as sente4j's {@code JdkClientTransport} has its own client do. Choose
   * the latter with {@code -p rawClient=selector} to compare against a raw client set up as sente4j's is.
   */
  @Param({"default"})
  public String rawClient;

  /**
   * What a fork runs before JMH's own warm-up of the measured benchmark: {@code own}, nothing (JMH's default); {@code
   * all}, every benchmark of this class in turn ({@link WarmAll}), so that the raw side's codec and sente4j's are
   * compiled after the same history.
   */
  @Param({"own", "all"})
  public String warmup;
  /** What {@link #warmAll} got back, kept so that nothing of it is optimised away. */
  long warmedReplies;
  /** How long {@link #warmAll} runs each benchmark; tests make it zero (each runs once a round). */
  Duration warmAllEach = WarmAll.EACH;

  FrameCodec codec;
  List<Event> events;
  Event request;
  /** {@link #events} packed as the one push frame the server makes of them. */
  String packedPush;
  /** One of {@link #events} packed as sente4j's client sends it: no callback. */
  String packedEvent;
  /** {@link #request} packed as sente4j's client sends it: with a callback id. */
  String packedRequest;

  ChannelSocketServer server;
  JettyChannelServer jetty;
  ChannelSocketClient client;
  RawEchoServer raw;
  HttpClient rawHttp;
  RawWebSocketClient rawSink;
  RawWebSocketClient rawEcho;
  RawWebSocketClient rawAnswer;

  volatile InFlight sente4jEventsInFlight;
  volatile InFlight sente4jPushesInFlight;
  volatile InFlight rawEventsInFlight;
  volatile InFlight rawPushesInFlight;
  final AtomicLong sente4jEventsSeen = new AtomicLong();
  final AtomicLong rawEventsSeen = new AtomicLong();
  /** Pushes seen by sente4j's push handler, which runs one call at a time. */
  private long sente4jPushesSeen;
  /**
   * Whether the raw side decodes what it reads ({@link #rawPushesWithCodec}: the client, each push frame; {@link
   * #rawClientEventsWithCodec}: the server, each event) or only counts it.
   */
  volatile boolean rawDecodes;
  volatile CompletableFuture<Void> rawReply = new CompletableFuture<>();
  /** The callback id of {@link #rawRequestReplyWithCodec}'s request in flight. */
  volatile String rawCallbackId;
  private long rawRequests;

  @Setup(Level.Trial)
  public void setUp() {
    Packer p = PackerRegistry.load().get(packer);
    codec = new FrameCodec(p);
    events = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      events.add(Payloads.chatSend(i));
    }
    request = new Event(ECHO, Payloads.chatSend(0).data());
    packedPush = text(codec.encode(new Frame.Push(events)));
    packedEvent = text(codec.encode(new Frame.ClientEvent(events.get(0), null)));
    packedRequest = text(codec.encode(new Frame.ClientEvent(request, "7ab481")));
    sente4jEventsInFlight = new InFlight(EVENTS_WINDOW);
    sente4jPushesInFlight = new InFlight(WINDOW);
    rawEventsInFlight = new InFlight(EVENTS_WINDOW);
    rawPushesInFlight = new InFlight(WINDOW);

    boolean direct = switch (executors) {
      case "library" -> false;
      case "direct" -> true;
      default -> throw new IllegalArgumentException("executors must be library or direct: " + executors);
    };
    ChannelSocketServer.Builder serverOptions = ChannelSocketServer.builder(p);
    if (direct) {
      serverOptions.handlerExecutor(Runnable::run);
    }
    server = serverOptions.withoutCsrfCheck()
        .userId((req, clientId) -> "bench")
        .eventHandler(ServerRouter.builder()
            .onRequest(ECHO, m -> m.data())
            .on(SEND, m -> {
              if (sente4jEventsSeen.incrementAndGet() % BATCH == 0) {
                sente4jEventsInFlight.done();
              }
            })
            .build())
        .build();
    jetty = JettyChannelServer.builder(server).host("127.0.0.1").port(0).start();
    ChannelSocketClient.Builder clientOptions = ChannelSocketClient
        .builder(jetty.webSocketUri(), JdkClientTransport.create())
        .packer(p)
        .pushHandler(e -> {
          if (++sente4jPushesSeen % BATCH == 0) {
            sente4jPushesInFlight.done();
          }
        });
    if (direct) {
      clientOptions.executor(Runnable::run);
    }
    client = clientOptions.build();
    client.connect().orTimeout(10, TimeUnit.SECONDS).join();

    raw = RawEchoServer.start(message -> {
      if (rawDecodes) {
        Frame f = codec.decode(Payload.text(message), Direction.FROM_CLIENT, Via.WEBSOCKET);
        if (!(f instanceof Frame.ClientEvent)) {
          throw new IllegalStateException("a client event read back as " + f);
        }
      }
      if (rawEventsSeen.incrementAndGet() % BATCH == 0) {
        rawEventsInFlight.done();
      }
    }, message -> {
      Frame.ClientEvent f = (Frame.ClientEvent) codec.decode(Payload.text(message), Direction.FROM_CLIENT,
          Via.WEBSOCKET);
      return text(codec.encode(new Frame.Reply(f.event().data(), f.callbackId())));
    });
    HttpClient.Builder rawHttpOptions = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    boolean rawReadsOnSelector = switch (rawClient) {
      case "default" -> false;
      case "selector" -> true;
      default -> throw new IllegalArgumentException("rawClient must be default or selector: " + rawClient);
    };
    if (rawReadsOnSelector) {
      rawHttpOptions.executor(Runnable::run);
    }
    rawHttp = rawHttpOptions.build();
    rawSink = RawWebSocketClient.open(rawHttp, raw.uri("/sink"), message -> {
      if (rawDecodes) {
        Frame f = codec.decode(Payload.text(message.toString()), Direction.FROM_SERVER, Via.WEBSOCKET);
        if (((Frame.Push) f).events().size() != BATCH) {
          throw new IllegalStateException("a push frame of " + BATCH + " events read back as " + f);
        }
      }
      rawPushesInFlight.done();
    });
    rawEcho = RawWebSocketClient.open(rawHttp, raw.uri("/echo"), message -> rawReply.complete(null));
    rawAnswer = RawWebSocketClient.open(rawHttp, raw.uri("/answer"), message -> {
      Frame.Reply f = (Frame.Reply) codec.decode(Payload.text(message.toString()), Direction.FROM_SERVER,
          Via.WEBSOCKET);
      if (f.callbackId().equals(rawCallbackId)) {
        rawReply.complete(null);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (raw.sink() == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the raw sink connection did not open within 10 s");
      }
      Thread.onSpinWait();
    }
    if (warmup.equals("all")) {
      warmAll();
    }
  }

  /** Runs every benchmark of the class ({@link WarmAll}), waiting after each until what it sent has arrived. */
  private void warmAll() {
    WarmAll.run(warmAllEach, List.of(this::sente4jClientEvents, this::rawClientEvents, this::rawClientEventsWithCodec,
        this::sente4jPushes, this::rawPushes, this::rawPushesWithCodec,
        () -> warmedReplies += sente4jRequestReply().hashCode(), unchecked(this::rawRequestReply),
        unchecked(this::rawRequestReplyWithCodec)), this::awaitInFlight);
  }

  /** A benchmark that declares {@code throws Exception}. */
  @FunctionalInterface
  private interface ThrowingBenchmark {
    void run() throws Exception;
  }

  /** {@code benchmark} for {@link WarmAll}. */
  private static Runnable unchecked(ThrowingBenchmark benchmark) {
    return () -> {
      try {
        benchmark.run();
      } catch (Exception e) {
        throw new IllegalStateException("a benchmark failed while warming up", e);
      }
    };
  }

  private static String text(Payload payload) {
    return ((Payload.Text) payload).text();
  }

  @TearDown(Level.Iteration)
  public void awaitInFlight() {
    sente4jEventsInFlight.awaitAll();
    sente4jPushesInFlight.awaitAll();
    rawEventsInFlight.awaitAll();
    rawPushesInFlight.awaitAll();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    client.close();
    server.stop();
    jetty.close();
    rawSink.close();
    rawEcho.close();
    rawAnswer.close();
    raw.close();
  }

  /** {@value #BATCH} events from sente4j's client to its server, each its own message, counted by the handler. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void sente4jClientEvents() {
    sente4jEventsInFlight.beforeSend();
    for (int i = 0; i < BATCH; i++) {
      client.send(events.get(i));
    }
  }

  /** The same {@value #BATCH} messages, already packed, from the raw client to the raw server, which counts them. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void rawClientEvents() {
    rawDecodes = false;
    rawEventsInFlight.beforeSend();
    for (int i = 0; i < BATCH; i++) {
      rawSink.send(packedEvent);
    }
  }

  /**
   * {@link #rawClientEvents} with the codec work the library cannot avoid: the raw client packs each event as
   * sente4j's client does, and the raw server reads each one back with the same packer.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void rawClientEventsWithCodec() {
    rawDecodes = true;
    rawEventsInFlight.beforeSend();
    for (int i = 0; i < BATCH; i++) {
      rawSink.send(text(codec.encode(new Frame.ClientEvent(events.get(i), null))));
    }
  }

  /** {@value #BATCH} pushes to the user, batched by the server into one frame, counted by the push handler. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void sente4jPushes() {
    sente4jPushesInFlight.beforeSend();
    for (int i = 0; i < BATCH - 1; i++) {
      server.send("bench", events.get(i));
    }
    server.sendNow("bench", events.get(BATCH - 1));
  }

  /** The same batch as one frame, packed beforehand, from the raw server to the raw client, which counts it. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void rawPushes() {
    rawDecodes = false;
    rawPushesInFlight.beforeSend();
    raw.sink().sendText(packedPush, Callback.NOOP);
  }

  /** {@link #rawPushes} with the packer's work: packed per batch by the raw server, read back by the raw client. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void rawPushesWithCodec() {
    rawDecodes = true;
    rawPushesInFlight.beforeSend();
    raw.sink().sendText(text(codec.encode(new Frame.Push(events))), Callback.NOOP);
  }

  /** One request and its reply through sente4j. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object sente4jRequestReply() {
    return client.send(request, REPLY_TIMEOUT).join();
  }

  /** The same request frame sent to the raw echo server, until its echo has arrived. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void rawRequestReply() throws Exception {
    CompletableFuture<Void> reply = new CompletableFuture<>();
    rawReply = reply;
    rawEcho.send(packedRequest);
    reply.get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * {@link #rawRequestReply} doing what sente4j does with the same request: the client packs it with a fresh callback
   * id, the server reads it and packs the reply (on Jetty's thread, as the echo does), and the client reads the reply
   * and matches its callback id.
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void rawRequestReplyWithCodec() throws Exception {
    CompletableFuture<Void> reply = new CompletableFuture<>();
    String cb = Long.toHexString(++rawRequests);
    rawCallbackId = cb;
    rawReply = reply;
    rawAnswer.send(text(codec.encode(new Frame.ClientEvent(request, cb))));
    reply.get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }
}
