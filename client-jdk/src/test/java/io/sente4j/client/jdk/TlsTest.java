package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ClientType;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.ServerRouter;
import io.sente4j.core.Via;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** wss and https: a self-signed certificate ({@link SelfSignedTls}), trusted by the client's HttpClient. */
class TlsTest {
  private static final Keyword ECHO = Keyword.of("tls", "echo");

  @Test
  @Timeout(90)
  void webSocketAndAjaxClientsWorkOverTls() throws Exception {
    Packer edn = PackerRegistry.load().get("edn");
    SslContextFactory.Server tls = SelfSignedTls.server();
    ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
        .eventHandler(ServerRouter.builder().onRequest(ECHO, EventMessage::data).build()).build();
    try (JettyChannelServer jetty = JettyChannelServer.builder(server).host("localhost").port(0).tls(tls).start()) {
      assertThat(jetty.webSocketUri().getScheme()).isEqualTo("wss");
      assertThat(jetty.httpUri().getScheme()).isEqualTo("https");
      JdkClientTransport transport = JdkClientTransport.builder()
          .httpClient(HttpClient.newBuilder().sslContext(SelfSignedTls.context()).build()).build();
      for (ClientType type : List.of(ClientType.WEBSOCKET, ClientType.AJAX)) {
        try (ChannelSocketClient c = ChannelSocketClient.builder(jetty.webSocketUri(), transport).packer(edn)
            .type(type).build()) {
          c.connect().get(30, TimeUnit.SECONDS);
          assertThat(c.state().via()).isEqualTo(type == ClientType.WEBSOCKET ? Via.WEBSOCKET : Via.AJAX_POLL);
          assertThat(c.send(Event.of(ECHO, "secret " + type), Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS))
              .isEqualTo("secret " + type);
        }
      }
    } finally {
      server.stop();
    }
  }
}
