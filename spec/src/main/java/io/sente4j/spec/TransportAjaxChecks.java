package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.Chsk;
import io.sente4j.core.ClientType;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.ServerError;
import io.sente4j.core.UpgradeRefusedException;
import io.sente4j.core.Via;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Ajax part of {@link TransportConformanceKit}, each test with a server of its own: clients of type AJAX, and
 * AUTO clients that fall back to it, talk to the server over the transport's HTTP exchanges. Handshake, requests,
 * events and pushes in order (PROTOCOL.md §5.4, §5.5), presence with the Ajax grace (§8.1), the long-poll cycle
 * (§7.2), a server-side close (§10.2), and pushes that find the client between two polls (§7.4), using the kit's
 * stall of a client's Ajax requests.
 */
abstract class TransportAjaxChecks extends TransportAjaxLifecycleChecks {
  private static final Duration AJAX_WINDOW = Duration.ofMillis(100);
  private static final Duration AJAX_GRACE = Duration.ofSeconds(5);
  private static final Duration LONG_POLL = Duration.ofSeconds(2);
  private static final Duration RETRY = Duration.ofSeconds(10);

  /** A server with the kit's Ajax timings ({@code options} adds more), and its world. */
  private KitHarness ajaxWorld(Consumer<ChannelSocketServer.Builder> options) {
    KitHarness w = world();
    ChannelSocketServer.Builder b = w.serverBuilder(ajaxRouter())
        .ajaxSendBufferWindow(AJAX_WINDOW).ajaxDisconnectGrace(AJAX_GRACE).ajaxPushRetryWindow(RETRY);
    options.accept(b);
    w.start(b);
    return w;
  }

  @Test
  @Timeout(60)
  void anAjaxClientHandshakesSendsRequestsAndEventsAndGetsPushesInOrder() throws Exception {
    try (KitHarness w = ajaxWorld(b -> {})) {
      List<Event> pushes = new CopyOnWriteArrayList<>();
      ChannelSocketClient c = w.connected("alice", pushes::add, TransportAjaxLimitChecks::ajax);
      String id = c.state().clientId();
      assertThat(c.state().via()).isEqualTo(Via.AJAX_POLL);
      assertThat(c.state().uid()).isEqualTo("alice");
      assertThat(c.state().handshakeData()).isEqualTo(Map.of("greeting", "hello alice"));
      w.await("uidport-open on the first poll", () -> w.presenceCount(Chsk.UIDPORT_OPEN, "alice") == 1);
      assertThat(w.server().connectedUids().ajax()).containsExactly("alice");
      assertThat(w.server().connectedUids().ws()).isEmpty();
      assertThat(w.server().clientIds("alice")).containsExactly(id);
      assertThat(w.transport.socketsOpened(id)).isZero();

      Object data = Map.of("text", "hi", "n", 42L, "tags", List.of("x", "y"));
      assertThat(c.send(Event.of(AJAX_ECHO, data), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS)).isEqualTo(data);
      c.send(Event.of(AJAX_NOTE, List.of("a", 1L, true))).get(10, TimeUnit.SECONDS);
      w.await("the event", () -> w.received.size() == 2);
      EventMessage note = w.received.get(1);
      assertThat(note.event()).isEqualTo(Event.of(AJAX_NOTE, List.of("a", 1L, true)));
      assertThat(note.uid()).isEqualTo("alice");
      assertThat(note.clientId()).isEqualTo(id);
      assertThat(note.wantsReply()).isFalse();
      assertThat(w.transport.ajaxPosts(id)).isEqualTo(2);

      int n = 300;
      for (long i = 0; i < n; i++) {
        if (i % 7 == 0) {
          w.server().sendNow("alice", Event.of(AJAX_SEQ, i));
        } else {
          w.server().send("alice", Event.of(AJAX_SEQ, i));
        }
        if (i % 50 == 49) {
          w.advance(AJAX_WINDOW);
        }
      }
      w.advance(AJAX_WINDOW);
      w.await(n + " pushes", () -> pushes.size() == n);
      assertThat(pushes).extracting(Event::data)
          .containsExactlyElementsOf(LongStream.range(0, n).boxed().map(Object.class::cast).toList());
      assertThat(w.errors).isEmpty();
    }
  }

  /**
   * Needs the transport to notice, within seconds, a client that went away while its poll was parked. Tagged so that
   * a transport with a known gap there can exclude exactly this check, by name, in its build
   * ({@code <excludedGroups>ajax-abandon-detection</excludedGroups>}), saying why.
   */
  @Test
  @Tag("ajax-abandon-detection")
  @Timeout(60)
  void ajaxPresenceKeepsAUserThroughAReloadAndDropsItOnceAfterTheAjaxGrace() {
    try (KitHarness w = ajaxWorld(b -> {})) {
      ChannelSocketClient tab = w.connected("alice", e -> {}, TransportAjaxLimitChecks::ajax);
      String tabId = tab.state().clientId();
      w.awaitParkedPoll(tabId);
      w.await("uidport-open", () -> w.presenceCount(Chsk.UIDPORT_OPEN, "alice") == 1);
      tab.close();
      w.await("the server to see the tab go", () -> w.parkedPolls.parked(tabId) == 0);
      w.advance(AJAX_GRACE.minusSeconds(1));
      ChannelSocketClient reloaded = w.connected("alice", e -> {}, TransportAjaxLimitChecks::ajax);
      String id = reloaded.state().clientId();
      w.awaitParkedPoll(id);
      w.advance(AJAX_GRACE.multipliedBy(2));
      w.quiesce();
      assertThat(w.presenceCount(Chsk.UIDPORT_CLOSE, "alice")).as("a reload within the grace").isZero();
      assertThat(w.presenceCount(Chsk.UIDPORT_OPEN, "alice")).isEqualTo(1);
      w.await("the closed tab to be forgotten", () -> w.server().clientIds("alice").equals(Set.of(id)));

      reloaded.disconnect();
      w.await("the server to see the last tab go", () -> w.parkedPolls.parked(id) == 0);
      w.advance(AJAX_GRACE.minusMillis(1));
      w.quiesce();
      assertThat(w.presenceCount(Chsk.UIDPORT_CLOSE, "alice")).as("closed within the Ajax grace").isZero();
      assertThat(w.server().connectedUids().ajax()).containsExactly("alice");
      w.advance(Duration.ofMillis(1));
      w.await("uidport-close", () -> w.presenceCount(Chsk.UIDPORT_CLOSE, "alice") == 1);
      assertThat(w.server().connectedUids().any()).isEmpty();
      w.await("the last tab to be forgotten", () -> w.server().metrics().openAjaxClients() == 0);
      w.advance(AJAX_GRACE.multipliedBy(4));
      w.quiesce();
      assertThat(w.presenceCount(Chsk.UIDPORT_CLOSE, "alice")).isEqualTo(1);
      assertThat(w.server().clientIds("alice")).isEmpty();
    }
  }

  @Test
  @Timeout(60)
  void aServerSideCloseIsFollowedByANewHandshakeOnTheClientsNextPoll() throws Exception {
    try (KitHarness w = ajaxWorld(b -> {})) {
      List<Event> pushes = new CopyOnWriteArrayList<>();
      ChannelSocketClient c = w.connected("alice", pushes::add, TransportAjaxLimitChecks::ajax);
      String id = c.state().clientId();
      w.await("uidport-open", () -> w.presenceCount(Chsk.UIDPORT_OPEN, "alice") == 1);
      long opened = w.server().metrics().connectionsOpened();
      assertThat(w.server().close("alice", CloseReason.REQUESTED)).isEqualTo(1);
      w.await("the client's new handshake", () -> w.server().metrics().connectionsOpened() == opened + 1
          && w.server().clientIds("alice").contains(id));
      assertThat(c.state().isOpen()).isTrue();
      assertThat(c.state().via()).isEqualTo(Via.AJAX_POLL);
      assertThat(c.send(Event.of(AJAX_ECHO, "after the close"), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS))
          .isEqualTo("after the close");
      w.server().sendNow("alice", Event.of(AJAX_NOTE, "after the close"));
      w.await("the push after the close", () -> pushes.size() == 1);
      assertThat(w.presenceCount(Chsk.UIDPORT_CLOSE, "alice")).as("back within the grace").isZero();
    }
  }

  @Test
  @Timeout(60)
  void anAutoClientWhoseFirstWebSocketIsRefusedContinuesOverAjaxForGood() throws Exception {
    for (boolean atTransport : new boolean[] {true, false}) {
      try (KitHarness w = ajaxWorld(b -> b.authorizer((r, clientId) -> atTransport || !r.isWebSocketUpgrade()))) {
        w.fixture.refuseUpgrades(atTransport);
        List<Event> pushes = new CopyOnWriteArrayList<>();
        List<Throwable> seen = new CopyOnWriteArrayList<>();
        ChannelSocketClient c = w.client("alice", pushes::add, b -> b.errorListener(seen::add));
        c.connect();
        w.await("the fallback to Ajax", () -> c.state().isOpen() && !seen.isEmpty());
        String id = c.state().clientId();
        assertThat(c.state().via()).isEqualTo(Via.AJAX_POLL);
        assertThat(seen).first().isInstanceOf(UpgradeRefusedException.class);
        w.fixture.refuseUpgrades(false);
        assertThat(c.send(Event.of(AJAX_ECHO, "over Ajax"), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS))
            .isEqualTo("over Ajax");
        w.server().sendNow("alice", Event.of(AJAX_NOTE, "pushed"));
        w.await("the push", () -> pushes.size() == 1);

        c.reconnect(); // upgrades now pass, but the client stays on Ajax
        w.await("the reconnect", () -> c.state().isOpen());
        w.server().sendNow("alice", Event.of(AJAX_NOTE, "pushed again"));
        w.await("the second push", () -> pushes.size() == 2);
        assertThat(c.state().via()).isEqualTo(Via.AJAX_POLL);
        assertThat(w.transport.socketsOpened(id)).isZero();
        assertThat(w.server().connectedUids().ws()).isEmpty();
      }
    }
  }

  @Test
  @Timeout(60)
  void aParkedPollIsAnsweredTimeoutAfterTheLongPollTimeoutAndTheClientPollsAgain() {
    try (KitHarness w = ajaxWorld(b -> b.longPollTimeout(LONG_POLL))) {
      List<Event> pushes = new CopyOnWriteArrayList<>();
      ChannelSocketClient c = w.connected("alice", pushes::add, TransportAjaxLimitChecks::ajax);
      String id = c.state().clientId();
      w.await("uidport-open", () -> w.presenceCount(Chsk.UIDPORT_OPEN, "alice") == 1);
      long opened = w.server().metrics().connectionsOpened();
      for (int cycle = 0; cycle < 5; cycle++) {
        int gets = w.transport.ajaxGets(id);
        w.awaitParkedPoll(id);
        w.advance(LONG_POLL.minusMillis(1));
        w.quiesce();
        assertThat(w.transport.ajaxGets(id)).as("polls before the long-poll timeout").isEqualTo(gets);
        w.advance(Duration.ofMillis(1));
        w.await("the timeout and the next poll", () -> w.transport.ajaxGets(id) == gets + 1);
      }
      assertThat(c.state().isOpen()).isTrue();
      assertThat(c.state().lastClose()).isEmpty();
      assertThat(w.server().metrics().connectionsOpened()).as("no new handshake").isEqualTo(opened);
      assertThat(w.presenceCount(Chsk.UIDPORT_CLOSE, "alice")).isZero();
      w.server().send("alice", Event.of(AJAX_NOTE, "after five timeouts"));
      w.advance(AJAX_WINDOW);
      w.await("the push", () -> pushes.size() == 1);
      assertThat(pushes).containsExactly(Event.of(AJAX_NOTE, "after five timeouts"));
      assertThat(w.errors).isEmpty();
    }
  }

  @Test
  @Timeout(60)
  void aPushBetweenPollsArrivesWithinTheRetryWindowAndIsReportedDroppedAfterIt() {
    try (KitHarness w = ajaxWorld(b -> {})) {
      List<Event> pushes = new CopyOnWriteArrayList<>();
      ChannelSocketClient c = w.connected("alice", pushes::add, TransportAjaxLimitChecks::ajax);
      String id = c.state().clientId();
      w.await("uidport-open", () -> w.presenceCount(Chsk.UIDPORT_OPEN, "alice") == 1);
      long opened = w.server().metrics().connectionsOpened();

      stallAfterPush(w, id, pushes, 0L);
      w.server().send("alice", Event.of(AJAX_SEQ, 1L)); // flushed after the window, held for the next poll
      w.advance(AJAX_WINDOW);
      w.advance(RETRY.minusMillis(1));
      w.quiesce();
      assertThat(w.errors).isEmpty();
      w.transport.stallAjax(id, false);
      w.await("the held push on the next poll", () -> pushes.size() == 2);
      assertThat(w.server().metrics().connectionsOpened()).as("the held push kept the client known").isEqualTo(opened);

      stallAfterPush(w, id, pushes, 2L);
      w.server().sendNow("alice", Event.of(AJAX_SEQ, 3L));
      w.advance(RETRY.minusMillis(1));
      w.quiesce();
      assertThat(w.errors).isEmpty();
      w.advance(Duration.ofMillis(1));
      w.await("the drop report", () -> !w.errors.isEmpty());
      ServerError e = w.errors.get(0);
      assertThat(e.kind()).isEqualTo(ServerError.Kind.PUSH_DROPPED);
      assertThat(e.uid()).isEqualTo("alice");
      assertThat(e.clientId()).isEqualTo(id);
      assertThat(e.message()).contains("1 pushed event(s) dropped").contains("retry window");
      assertThat(w.server().metrics().errors().get(ServerError.Kind.PUSH_DROPPED)).isEqualTo(1);

      // Nothing held and the grace long past: the server forgot the client, and its next poll handshakes anew.
      w.transport.stallAjax(id, false);
      w.await("the new handshake", () -> w.server().metrics().connectionsOpened() == opened + 1);
      w.server().sendNow("alice", Event.of(AJAX_SEQ, 4L));
      w.await("the push after the new handshake", () -> pushes.size() == 4);
      assertThat(pushes).extracting(Event::data).containsExactly(0L, 1L, 2L, 4L);
      assertThat(c.state().isOpen()).isTrue();
    }
  }

  @Test
  @Timeout(60)
  void aClientThatHandshakesAgainWithinTheRetryWindowGetsWhatWasHeldForIt() {
    try (KitHarness w = ajaxWorld(b -> {})) {
      List<Event> pushes = new CopyOnWriteArrayList<>();
      ChannelSocketClient c = w.connected("alice", pushes::add, TransportAjaxLimitChecks::ajax);
      String id = c.state().clientId();
      w.await("uidport-open", () -> w.presenceCount(Chsk.UIDPORT_OPEN, "alice") == 1);
      stallAfterPush(w, id, pushes, 0L);
      w.server().sendNow("alice", Event.of(AJAX_SEQ, 1L));
      c.disconnect(); // gives up on the stalled poll: it never reaches the server
      c.connect();
      w.await("the new handshake to be stalled too", () -> w.transport.stalledRequests(id) == 2);
      w.advance(AJAX_GRACE.plusSeconds(1));
      w.transport.stallAjax(id, false);
      w.await("the held push after the handshake", () -> pushes.size() == 2);
      assertThat(pushes).extracting(Event::data).containsExactly(0L, 1L);
      assertThat(w.errors).isEmpty();
    }
  }
}
