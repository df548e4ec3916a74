package io.sente4j.demo;

import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.Chsk;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientState.Status;
import io.sente4j.core.ClientType;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.ReplyFailedException;
import io.sente4j.core.ServerRouter;
import io.sente4j.transport.inmemory.InMemoryNetwork;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The second part of the demo: a {@link ChannelSocketServer} and three clients (alice in two tabs, bob in one) on an
 * {@link InMemoryNetwork}, with real time. It shows the handshake, a request and its reply, pushes batched to both of
 * alice's tabs, a reply timeout, a cut connection that reconnects, presence with its grace period, an Ajax client
 * (carol) with its HTTP exchanges, and a stop.
 *
 * <p>Everything is printed from the calling thread after waiting for what should happen, so the output is the same
 * on every run; a step that does not happen within {@link #PATIENCE} prints {@code FAILED} and the tour returns
 * false.
 */
final class InMemoryTour {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Duration GRACE = Duration.ofMillis(300);
  private static final Keyword ECHO = Keyword.of("chat", "echo");
  private static final Keyword SLOW = Keyword.of("chat", "slow");
  private static final Keyword MESSAGE = Keyword.of("chat", "msg");
  private static final String CSRF_TOKEN = TourClient.CSRF_TOKEN;
  private static final String ORIGIN = TourClient.ORIGIN;

  private final Packer packer;
  private final PrintStream out;
  private final List<String> serverSaw = new CopyOnWriteArrayList<>();
  private boolean failed;

  InMemoryTour(Packer packer, PrintStream out) {
    this.packer = packer;
    this.out = out;
  }

  /** Runs the tour; true when every step behaved as described. */
  boolean run() {
    out.println("== an in-memory server and its clients (" + packer.name() + ") ==");
    try (InMemoryNetwork net = InMemoryNetwork.create(); ChannelSocketServer server = server()) {
      URI uri = net.bind(URI.create("ws://demo.test/chsk"), server);
      out.println("server bound at " + uri + " on an InMemoryNetwork: no sockets, no ports");

      TourClient alice1 = new TourClient("alice-1", "alice", uri, net, packer, ClientType.WEBSOCKET);
      TourClient alice2 = new TourClient("alice-2", "alice", uri, net, packer, ClientType.WEBSOCKET);
      TourClient bob = new TourClient("bob-1", "bob", uri, net, packer, ClientType.WEBSOCKET);
      try {
        handshakes(alice1, alice2, bob);
        refused(net, uri);
        request(alice1);
        pushes(server, alice1, alice2);
        timeout(bob);
        cut(net, alice1);
        presence(server, alice1, alice2, bob);
        ajax(server, uri, net);
        stop(net, server, uri, alice2);
      } finally {
        alice1.close();
        alice2.close();
        bob.close();
      }
    }
    out.println(failed ? "the in-memory tour FAILED" : "every in-memory step behaved as described");
    return !failed;
  }

  private ChannelSocketServer server() {
    ServerRouter router = ServerRouter.builder()
        .onRequest(ECHO, InMemoryTour::echo)
        .on(SLOW, m -> { }) // wants a reply and never gets one: the client's timeout ends it
        .fallback(m -> serverSaw.add(m.event().toString()))
        .build();
    return ChannelSocketServer.builder(packer)
        .csrfToken(request -> CSRF_TOKEN) // in an application: the token of the request's session
        .allowedOrigins(ORIGIN)
        .userId((request, clientId) -> request.param("user").orElse(null))
        .handshakeData((request, uid) -> Map.of(Keyword.of("server"), "sente4j-demo"))
        .sendBufferWindow(Duration.ofMillis(100))
        .disconnectGrace(GRACE)
        .ajaxDisconnectGrace(GRACE)
        .eventHandler(router)
        .build();
  }

  /** Requests without the CSRF token, or from another origin, are refused before any frame. */
  private void refused(InMemoryNetwork net, URI uri) {
    out.println("-- security: CSRF token and Origin");
    refusal(net, URI.create(uri + "?client-id=mallory-1"), Map.of("Origin", List.of(ORIGIN)), "no CSRF token");
    refusal(net, URI.create(uri + "?client-id=mallory-2&csrf-token=" + CSRF_TOKEN),
        Map.of("Origin", List.of("https://evil.test")), "another origin");
  }

  private void refusal(InMemoryNetwork net, URI uri, Map<String, List<String>> headers, String what) {
    try {
      net.clientTransport().openWebSocket(uri, headers, new io.sente4j.core.ChannelListener() {
        @Override
        public void onMessage(io.sente4j.core.Payload payload) {}

        @Override
        public void onClose(int code, String reason) {}

        @Override
        public void onError(Throwable error) {}
      }).orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
      fail("a WebSocket with " + what + " was accepted");
    } catch (CompletionException e) {
      out.println("a WebSocket with " + what + ": " + e.getCause().getMessage());
    }
  }

  private static Map<Keyword, Object> echo(EventMessage m) {
    Map<Keyword, Object> reply = new LinkedHashMap<>(); // in this order on the wire, run after run
    reply.put(Keyword.of("echo"), m.data());
    reply.put(Keyword.of("from"), m.uid());
    return reply;
  }

  private void handshakes(TourClient... clients) {
    out.println("-- handshakes");
    for (TourClient c : clients) {
      ClientState s = c.connect();
      out.println(c.name + " open: uid " + s.uid() + ", handshake data " + show(s.handshakeData()));
    }
    out.println("the first frame " + clients[0].name + " read: " + clients[0].tap.received().get(0));
    awaitThat("uidport-open for alice and bob", () -> serverSaw.size() >= 2);
    out.println("server saw: " + String.join(", ", serverSaw.subList(0, Math.min(2, serverSaw.size()))));
  }

  private void request(TourClient alice1) {
    out.println("-- request and reply");
    Event ask = Event.of(ECHO, "hello, sente4j");
    Object reply = alice1.client.send(ask, Duration.ofSeconds(5)).orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS)
        .join();
    out.println("alice-1 asked " + show(ask) + ", the reply: " + show(reply));
  }

  private void pushes(ChannelSocketServer server, TourClient alice1, TourClient alice2) {
    out.println("-- pushes to a user: both of alice's tabs, batched within the 100 ms send window");
    int framesBefore = alice1.tap.received().size();
    for (int n = 1; n <= 3; n++) {
      server.send("alice", Event.of(MESSAGE, Map.of(Keyword.of("n"), (long) n)));
    }
    awaitThat("three pushes in each of alice's tabs", () -> alice1.pushes.size() == 3 && alice2.pushes.size() == 3);
    for (TourClient tab : List.of(alice1, alice2)) {
      out.println(tab.name + " got " + String.join(" ", tab.pushes.stream().map(this::show).toList()));
    }
    List<String> frames = alice1.tap.received();
    out.println("in " + (frames.size() - framesBefore) + " frame(s) on alice-1's socket: "
        + String.join(" | ", frames.subList(framesBefore, frames.size())));
  }

  private void timeout(TourClient bob) {
    out.println("-- a reply that never comes");
    try {
      bob.client.send(Event.of(SLOW, null), Duration.ofMillis(200)).join();
      fail("bob's request to " + SLOW + " was answered");
    } catch (CompletionException e) {
      String outcome = e.getCause() instanceof ReplyFailedException f ? show(f.outcome()) : e.getCause().toString();
      out.println("bob asked [" + SLOW + "] with a 200 ms timeout: " + e.getCause().getClass().getSimpleName()
          + ", outcome " + outcome);
    }
  }

  private void cut(InMemoryNetwork net, TourClient alice1) {
    out.println("-- a cut connection");
    int statesBefore = alice1.states.size();
    net.connections(alice1.name).forEach(c -> c.cut());
    awaitThat("alice-1 to reconnect", () -> alice1.states.subList(statesBefore, alice1.states.size()).stream()
        .anyMatch(s -> s.status() == Status.CLOSED) && alice1.client.state().isOpen());
    ClientState now = alice1.client.state();
    out.println("alice-1 saw the cut (" + now.lastClose().map(c -> c.code() + " " + c.reason().text()).orElse("?")
        + ") and reconnected with a new handshake: uid " + now.uid());
  }

  private void presence(ChannelSocketServer server, TourClient alice1, TourClient alice2, TourClient bob) {
    out.println("-- presence, with a " + GRACE.toMillis() + " ms grace period");
    out.println("connected: " + server.connectedUids().any().stream().map(Object::toString).sorted().toList());
    int seen = serverSaw.size();
    bob.client.disconnect();
    awaitThat("uidport-close for bob", () -> serverSaw.size() > seen);
    out.println("bob closed his tab; after the grace the server saw: " + serverSaw.get(seen));
    alice1.client.disconnect();
    alice2.client.reconnect(); // a page reload: the tab goes away and comes back inside the grace
    awaitThat("alice-2 back", () -> alice2.client.state().isOpen());
    sleep(GRACE.multipliedBy(2));
    out.println("alice closed one tab and reloaded the other inside the grace; the server saw "
        + (serverSaw.size() == seen + 1 ? "nothing" : serverSaw.subList(seen + 1, serverSaw.size())));
    if (serverSaw.size() != seen + 1) {
      fail("presence events during a reload");
    }
    out.println("connected: " + server.connectedUids().any().stream().map(Object::toString).sorted().toList()
        + ", alice's clients: " + server.clientIds("alice"));
  }

  /** An Ajax client: a handshake GET, a POST per event, and pushes as the answers to its long-poll GETs. */
  private void ajax(ChannelSocketServer server, URI uri, InMemoryNetwork net) {
    out.println("-- an Ajax client: long-polling over plain HTTP requests");
    TourClient carol = new TourClient("carol-1", "carol", uri, net, packer, ClientType.AJAX);
    try {
      ClientState s = carol.connect();
      out.println("carol-1 open over " + s.via() + ": uid " + s.uid());
      awaitThat("uidport-open for carol", () -> serverSaw.contains("[:chsk/uidport-open carol]"));
      Event ask = Event.of(ECHO, "over Ajax");
      Object reply = carol.client.send(ask, Duration.ofSeconds(5)).orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS)
          .join();
      out.println("carol-1 asked " + show(ask) + ", the reply: " + show(reply));
      server.send("carol", Event.of(MESSAGE, Map.of(Keyword.of("n"), 4L)));
      awaitThat("the push to carol", () -> carol.pushes.size() == 1
          && carol.tap.exchanges().stream().anyMatch(x -> x.contains(MESSAGE.toString())));
      out.println("carol-1 got " + show(carol.pushes.get(0)) + "; on the wire:");
      for (String exchange : carol.tap.exchanges()) {
        if (!exchange.contains(Chsk.TIMEOUT.toString())) { // a poll a handshake replaced, if any
          out.println("  " + exchange);
        }
      }
    } finally {
      carol.close();
    }
  }

  private void stop(InMemoryNetwork net, ChannelSocketServer server, URI uri, TourClient alice2) {
    out.println("-- stop");
    net.unbind(uri); // open connections stay; alice-2's reconnects will find nothing listening
    server.stop();
    awaitThat("alice-2 to see the server stop", () -> alice2.states.stream()
        .anyMatch(s -> s.lastClose().filter(c -> c.reason() == CloseReason.SERVER_STOP).isPresent()));
    out.println("server stopped; alice-2 saw the close " + CloseReason.SERVER_STOP.code() + " "
        + CloseReason.SERVER_STOP.text() + " and retries with backoff; connected: "
        + server.connectedUids().any());
  }

  private void awaitThat(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited " + PATIENCE.toSeconds() + " s for " + what);
        return;
      }
      sleep(Duration.ofMillis(5));
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void fail(String why) {
    failed = true;
    out.println("FAILED: " + why);
  }

  private String show(Object value) {
    if (value instanceof Event e) {
      return packer.pack(Arrays.asList(e.id(), e.data())).asText();
    }
    return value == null ? "nil" : packer.pack(value).asText();
  }
}
