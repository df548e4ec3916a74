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
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** wss and https: a self-signed certificate made by the JDK's keytool, trusted by the client's HttpClient. */
class TlsTest {
  private static final Keyword ECHO = Keyword.of("tls", "echo");
  private static final String PASSWORD = "sente4j-test";

  @TempDir
  Path dir;

  private Path keyStore() throws Exception {
    Path store = dir.resolve("server.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return store;
  }

  private static SSLContext trusting(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  @Timeout(90)
  void webSocketAndAjaxClientsWorkOverTls() throws Exception {
    Path store = keyStore();
    Packer edn = PackerRegistry.load().get("edn");
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(store.toString());
    tls.setKeyStorePassword(PASSWORD);
    tls.setKeyStoreType("PKCS12");
    ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
        .eventHandler(ServerRouter.builder().onRequest(ECHO, EventMessage::data).build()).build();
    try (JettyChannelServer jetty = JettyChannelServer.builder(server).host("localhost").port(0).tls(tls).start()) {
      assertThat(jetty.webSocketUri().getScheme()).isEqualTo("wss");
      assertThat(jetty.httpUri().getScheme()).isEqualTo("https");
      JdkClientTransport transport = JdkClientTransport.builder()
          .httpClient(HttpClient.newBuilder().sslContext(trusting(store)).build()).build();
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
