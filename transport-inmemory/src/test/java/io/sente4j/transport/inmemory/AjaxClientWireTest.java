package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.HeldResponse;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.ServerRequest;
import io.sente4j.core.Via;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Ajax client's requests through the in-memory transport's HTTP exchanges, read by a small scripted endpoint the
 * way PROTOCOL.md §5.2–5.5 says a server reads them ({@link ServerRequest#param}, the {@code handshake?} query
 * parameter, the {@code ppstr} form field, the {@code X-CSRF-Token} header), with the real edn and JSON packers. Not
 * the server's Ajax path: that one is checked by the conformance kit.
 */
class AjaxClientWireTest {
  private final InMemoryNetwork net = InMemoryNetwork.create();
  private final List<ChannelSocketClient> clients = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    clients.forEach(ChannelSocketClient::close);
    net.close();
  }

  /** Answers handshakes, parks polls for the test, echoes requests and acknowledges plain events. */
  private static final class ScriptedAjax implements ServerEndpoint {
    final FrameCodec codec;
    final boolean refuseUpgrades;
    final List<ServerRequest> requests = new CopyOnWriteArrayList<>();
    final BlockingQueue<HeldResponse> polls = new LinkedBlockingQueue<>();

    ScriptedAjax(Packer packer, boolean refuseUpgrades) {
      this.codec = new FrameCodec(packer);
      this.refuseUpgrades = refuseUpgrades;
    }

    @Override
    public ServerAnswer handle(ServerRequest r) {
      requests.add(r);
      if (r.isWebSocketUpgrade()) {
        return new ServerAnswer.Reject(refuseUpgrades ? 403 : 400, "no WebSockets here");
      }
      if (!r.header("X-CSRF-Token").equals(java.util.Optional.of("tok"))) {
        return new ServerAnswer.Reject(403, "Bad CSRF token");
      }
      String user = r.param("client-id").orElseThrow() + "-user";
      if (r.method().equals("GET")) {
        return r.queryParam("handshake?").isPresent()
            ? new ServerAnswer.Respond(200, codec.encode(new Frame.Handshake(user, null)))
            : new ServerAnswer.Hold(polls::add);
      }
      Payload packed = r.queryParam("binary?").isPresent() ? r.body()
          : Payload.text(r.formParam("ppstr").orElseThrow());
      Frame.AjaxEvent ev = (Frame.AjaxEvent) codec.decode(packed, Direction.FROM_CLIENT, Via.AJAX_POST);
      return new ServerAnswer.Respond(200, codec.encode(ev.wantsReply()
          ? new Frame.AjaxReply(List.of("echo", ev.event().data())) : new Frame.AjaxAck()));
    }

    HeldResponse nextPoll() throws InterruptedException {
      HeldResponse h = polls.poll(5, TimeUnit.SECONDS);
      assertThat(h).as("a parked poll within 5 s").isNotNull();
      return h;
    }
  }

  private ChannelSocketClient client(ClientType type, Packer packer, List<Event> pushes) {
    ChannelSocketClient c = ChannelSocketClient.builder(URI.create("ws://ajax.test/chsk"), net.clientTransport())
        .type(type).packer(packer).clientId("c1").csrfToken("tok").params(() -> Map.of("app", "x"))
        .pushHandler(pushes::add).build();
    clients.add(c);
    return c;
  }

  @Test
  void ednAndJsonClientsTalkToAnEndpointThatReadsTheirRequestsAsTheProtocolSays() throws Exception {
    for (String name : List.of("edn", "json")) {
      Packer packer = PackerRegistry.load().get(name);
      ScriptedAjax server = new ScriptedAjax(packer, false);
      net.bind(URI.create("ws://ajax.test/chsk"), server);
      List<Event> pushes = new CopyOnWriteArrayList<>();
      ChannelSocketClient c = client(ClientType.AJAX, packer, pushes);
      ClientState open = Await.result(c.connect());
      assertThat(open.via()).isEqualTo(Via.AJAX_POLL);
      assertThat(open.uid()).isEqualTo("c1-user");
      HeldResponse poll = server.nextPoll();
      assertThat(Await.result(c.send(Event.of("app/q", 41L), Duration.ofSeconds(5)))).isEqualTo(List.of("echo", 41L));
      Await.result(c.send(Event.of("app/n", "plain")));
      poll.complete(200, server.codec.encode(Frame.Push.of(Event.of("app/alert", 1L), Event.of("app/alert", 2L))));
      Await.until(() -> pushes.size() == 2, "two pushes");
      assertThat(pushes).containsExactly(Event.of("app/alert", 1L), Event.of("app/alert", 2L));
      server.nextPoll().complete(200, server.codec.encode(new Frame.Timeout()));
      server.nextPoll();

      ServerRequest handshake = server.requests.get(0);
      assertThat(handshake.queryParams().keySet())
          .containsExactly("app", "client-id", "sente4j-packer", "udt", "sente4j-conn", "handshake?");
      assertThat(handshake.queryParam("sente4j-packer")).hasValue(name);
      ServerRequest post = server.requests.stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
      assertThat(post.formParams().keySet()).containsExactly("udt", "client-id", "ppstr");
      assertThat(post.param("client-id")).hasValue("c1");
      assertThat(post.queryParam("sente4j-packer")).hasValue(name);
      c.disconnect();
      net.unbind(URI.create("ws://ajax.test/chsk"));
    }
  }

  @Test
  void anAutoClientWhoseUpgradeIsRefusedContinuesOverAjax() throws Exception {
    Packer edn = PackerRegistry.load().get("edn");
    ScriptedAjax server = new ScriptedAjax(edn, true);
    net.bind(URI.create("ws://ajax.test/chsk"), server);
    ChannelSocketClient c = client(ClientType.AUTO, edn, new CopyOnWriteArrayList<>());
    ClientState open = Await.result(c.connect());
    assertThat(open.via()).isEqualTo(Via.AJAX_POLL);
    assertThat(server.requests.get(0).isWebSocketUpgrade()).isTrue();
    assertThat(server.requests.get(0).queryParam("csrf-token")).hasValue("tok");
    server.nextPoll();
    assertThat(Await.result(c.send(Event.of("app/q", 1L), Duration.ofSeconds(5)))).isEqualTo(List.of("echo", 1L));
  }
}
