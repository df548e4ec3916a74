package io.sente4j.benchmarks;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
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

/**
 * {@link ChannelSocketBenchmark}'s pushes and request/reply, with a client of type {@link ClientType#AJAX}: the
 * client long-polls, and each batch of {@value ChannelSocketBenchmark#BATCH} pushes answers its parked poll (or, if
 * the client is between two polls, waits in the server for its next poll); each request is its own POST, answered
 * with the reply. {@link #packerEncodeOnly} runs in the same run as the baseline.
 *
 * <p>The server's Ajax settings, for a throughput benchmark: each batch ends with a {@code sendNow}, so the Ajax push
 * buffer's window only has to be longer than the time it takes to send one batch, which the default of 100 ms is by
 * far: no batch is cut in two by its timer. The long-poll timeout is set to its default of 20 s too, far longer than
 * a one-second iteration, so no poll is answered {@code :chsk/timeout} while the benchmark measures (every poll is
 * answered by a push). Both are written out so that a change of the defaults does not change what this measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChannelSocketAjaxBenchmark {
  static final int BATCH = ChannelSocketBenchmark.BATCH;
  /** The Ajax push buffer's window: the default, longer than any batch takes to send. */
  static final Duration AJAX_WINDOW = Duration.ofMillis(100);
  /** The long-poll timeout: the default, longer than an iteration. */
  static final Duration LONG_POLL_TIMEOUT = Duration.ofSeconds(20);
  /** The most batches {@link #pushStreamedAjax} has in flight. */
  static final int STREAM_WINDOW = 8;
  private static final Keyword ECHO = Keyword.of("bench", "echo");
  private static final String UID = "bench";
  /** The user of the raw poller, whose only connection it is. */
  private static final String RAW_UID = "raw";
  /** Text that each pushed event's packed form holds once, in edn and in JSON: the raw poller counts it. */
  private static final String EVENT_MARK = "chat/send";
  private static final Payload NO_BODY = Payload.text("");

  @Param({"edn", "json"})
  public String packer;

  /**
   * What a fork runs before JMH's own warm-up of the measured benchmark: {@code own}, nothing (JMH's default); {@code
   * all}, this class's benchmarks in turn ({@link WarmAll}), so that {@link #packerEncodeOnly} measures the packer
   * compiled after the same history as the pushes' instead of in a JVM that has run nothing else.
   */
  @Param({"own", "all"})
  public String warmup;

  InMemoryNetwork net;
  ChannelSocketServer server;
  ChannelSocketClient client;
  FrameCodec codec;
  List<Event> events;
  Event request;
  /** One permit per {@value #BATCH} pushes the client's handler has seen (see {@link ChannelSocketBenchmark}). */
  final Semaphore pushed = new Semaphore(0);
  /** The pushes the handler has seen; only the handler touches it, and the client runs it one call at a time. */
  private long pushesSeen;
  /** The batches of {@link #pushStreamedAjax} not yet seen whole by the client's handler; set once connected. */
  volatile InFlight streamed;
  /** The batches of {@link #pushStreamedAjaxServerOnly} not yet answered to the raw poller; set once it polls. */
  volatile InFlight rawStreamed;
  /** The events the raw poller has been answered with; only its poll loop touches it, one response at a time. */
  private long rawEventsSeen;
  /** The raw poller's poll request. */
  private HttpCall rawPoll;
  /** What {@link #warmAll} packed, kept so that its packing is not optimised away. */
  long warmedBytes;
  /** How long {@link #warmAll} runs each benchmark; tests make it zero (each runs once a round). */
  Duration warmAllEach = WarmAll.EACH;

  @Setup(Level.Trial)
  public void setUp() {
    Packer p = PackerRegistry.load().get(packer);
    codec = new FrameCodec(p);
    events = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      events.add(Payloads.chatSend(i));
    }
    request = Payloads.chatSend(0);
    server = ChannelSocketServer.builder(p).withoutCsrfCheck()
        .userId((req, clientId) -> clientId.equals("raw-1") ? RAW_UID : UID)
        .ajaxSendBufferWindow(AJAX_WINDOW)
        .longPollTimeout(LONG_POLL_TIMEOUT)
        .eventHandler(ServerRouter.builder().onRequest(ECHO, m -> m.data()).build())
        .build();
    net = InMemoryNetwork.create();
    URI uri = net.bind(URI.create("ws://bench.test/chsk"), server);
    client = ChannelSocketClient.builder(uri, net.clientTransport())
        .type(ClientType.AJAX)
        .packer(p)
        .pushHandler(e -> {
          if (++pushesSeen % BATCH == 0) {
            pushed.release();
            streamed.done();
          }
        })
        .build();
    ClientState open = client.connect().orTimeout(10, TimeUnit.SECONDS).join();
    if (open.via() != Via.AJAX_POLL) {
      throw new IllegalStateException("expected an Ajax connection, got " + open);
    }
    streamed = new InFlight(STREAM_WINDOW);
    startRawPoller(URI.create("http://bench.test/chsk?client-id=raw-1"));
    if (warmup.equals("all")) {
      warmAll();
    }
  }

  /**
   * Runs the benchmarks of the class ({@link WarmAll}); all but {@link #pushBatchedAjax}, whose server and client run
   * {@link #pushStreamedAjax}'s code and which would count its batches into {@link #streamed} too. Ends with every
   * batch seen and no permit left in {@link #pushed}.
   */
  private void warmAll() {
    WarmAll.run(warmAllEach, List.of(this::pushStreamedAjaxServerOnly, this::pushStreamedAjax, this::requestReplyAjax,
        () -> warmedBytes += packerEncodeOnly().byteLength()), this::awaitStreamed);
    pushed.drainPermits(); // the streamed batches' permits: the handler released each before counting it seen
  }

  /**
   * A raw Ajax client: after its handshake it polls, and each time a poll is answered it polls again at once, on the
   * thread that completed the answer, counting the events the answer holds (by a text each event's packed form holds
   * once) without decoding them: the Ajax twin of {@link ChannelSocketBenchmark#pushStreamedServerOnly}'s raw socket.
   */
  private void startRawPoller(URI address) {
    HttpCall handshake = new HttpCall("GET", URI.create(address + "&handshake%3F=1"), Map.of(), NO_BODY, null,
        LONG_POLL_TIMEOUT.plusSeconds(10));
    HttpReply shaken = net.clientTransport().request(handshake).orTimeout(10, TimeUnit.SECONDS).join();
    if (shaken.status() != 200 || !(codec.decode(shaken.body(), Direction.FROM_SERVER, Via.AJAX_POLL)
        instanceof Frame.Handshake)) {
      throw new IllegalStateException("the raw poller's handshake failed: " + shaken);
    }
    rawPoll = new HttpCall("GET", address, Map.of(), NO_BODY, null, LONG_POLL_TIMEOUT.plusSeconds(10));
    rawStreamed = new InFlight(STREAM_WINDOW);
    rawPollAgain();
  }

  private void rawPollAgain() {
    net.clientTransport().request(rawPoll).thenAccept(reply -> {
      if (reply.status() != 200) {
        return; // the server stopped, at the trial's end
      }
      String body = reply.body().asText();
      for (int at = body.indexOf(EVENT_MARK); at >= 0; at = body.indexOf(EVENT_MARK, at + EVENT_MARK.length())) {
        if (++rawEventsSeen % BATCH == 0) {
          rawStreamed.done();
        }
      }
      rawPollAgain();
    });
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    server.stop();
    net.close();
  }

  /**
   * {@value #BATCH} pushes to the Ajax client's user, the last one a {@code sendNow}, until the client's handler has
   * seen them all: one long-poll answered with the batch, read by the client, which sends its next poll.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pushBatchedAjax() throws InterruptedException {
    for (int i = 0; i < BATCH - 1; i++) {
      server.send(UID, events.get(i));
    }
    server.sendNow(UID, events.get(BATCH - 1));
    if (!pushed.tryAcquire(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("lost: the batch did not reach the handler within 10 s");
    }
  }

  /**
   * {@link #pushBatchedAjax} as a stream, in the way of {@link ChannelSocketBenchmark#pushStreamed}: at most {@value
   * #STREAM_WINDOW} batches in flight. Batches flushed while the client is between two polls wait in the server and
   * answer its next poll together, joined into one push frame, as Ajax does for any sender that does not wait. The
   * window keeps the held events ({@value #STREAM_WINDOW} batches of {@value #BATCH}) within the server's default
   * limit of 1,000 held events per client, so none is dropped.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pushStreamedAjax() {
    streamed.beforeSend();
    for (int i = 0; i < BATCH - 1; i++) {
      server.send(UID, events.get(i));
    }
    server.sendNow(UID, events.get(BATCH - 1));
  }

  /**
   * The server's half of {@link #pushStreamedAjax}: the same stream of batches to a user whose only connection is a
   * raw poller that counts the events of each answer and polls again at once, without decoding (see {@link
   * #startRawPoller}), so the figure is the server's Ajax push path (buffer, flush, pack, hold between polls, join,
   * answer the poll) beside {@link #packerEncodeOnly}.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void pushStreamedAjaxServerOnly() {
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
  }

  /** One request and its reply over Ajax: a POST answered with the reply. */
  @Benchmark
  public Object requestReplyAjax() {
    return client.send(new Event(ECHO, request.data()), Duration.ofSeconds(10)).join();
  }

  /** The packer alone: the same {@value #BATCH} events encoded as one push frame (the baseline). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Payload packerEncodeOnly() {
    return codec.encode(new Frame.Push(events));
  }
}
