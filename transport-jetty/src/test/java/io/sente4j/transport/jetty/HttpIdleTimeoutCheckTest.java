package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.ServerRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The HTTP idle timeout against the endpoint's longest held request (the long-poll and Ajax reply timeouts): one not
 * longer would cut every parked poll and waiting POST before it is answered, so the embedded server refuses it before
 * starting and a mounted handler refuses to start on such a connector, naming both.
 */
class HttpIdleTimeoutCheckTest {
  private static final Duration POLL = Duration.ofSeconds(20);

  private static ChannelSocketServer server(UnaryOperator<ChannelSocketServer.Builder> options) {
    return options.apply(ChannelSocketServer.builder(PackerRegistry.load().get("edn")).withoutCsrfCheck()
        .longPollTimeout(POLL)).build();
  }

  private static int freePort() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }

  @Test
  void theLongestHeldRequestIsTheLongerOfTheLongPollAndAjaxReplyTimeouts() {
    try (ChannelSocketServer polls = server(b -> b);
        ChannelSocketServer replies = server(b -> b.ajaxReplyTimeout(Duration.ofSeconds(45)));
        ChannelSocketServer shortReplies = server(b -> b.ajaxReplyTimeout(Duration.ofSeconds(3)))) {
      assertThat(polls.longestHeldRequest()).hasValue(POLL);
      assertThat(replies.longestHeldRequest()).hasValue(Duration.ofSeconds(45));
      assertThat(shortReplies.longestHeldRequest()).hasValue(POLL);
    }
  }

  @Test
  void theEmbeddedServerRefusesAnIdleTimeoutEqualToTheLongestHeldRequestBeforeStarting() throws Exception {
    int port = freePort();
    try (ChannelSocketServer s = server(b -> b)) {
      assertThatThrownBy(() -> JettyChannelServer.builder(s).host("127.0.0.1").port(port).httpIdleTimeout(POLL)
          .start()).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the httpIdleTimeout (PT20S) must be longer than the server's longest held request (PT20S, its "
              + "long-poll or Ajax reply timeout): Jetty would cut parked polls and waiting POSTs before they are "
              + "answered (set a longer httpIdleTimeout or shorter timeouts)");
    }
    try (ServerSocket again = new ServerSocket(port)) {
      assertThat(again.getLocalPort()).as("nothing was left listening").isEqualTo(port);
    }
  }

  @Test
  void theEmbeddedServerTakesAnIdleTimeoutOneMillisecondLonger() {
    try (ChannelSocketServer s = server(b -> b.ajaxReplyTimeout(Duration.ofSeconds(30)));
        JettyChannelServer jetty = JettyChannelServer.builder(s).host("127.0.0.1").port(0)
            .httpIdleTimeout(Duration.ofSeconds(30).plusMillis(1)).start()) {
      assertThat(jetty.port()).isPositive();
    }
  }

  @Test
  void theEmbeddedServerChecksTheAjaxReplyTimeoutToo() {
    try (ChannelSocketServer s = server(b -> b.ajaxReplyTimeout(Duration.ofSeconds(30)))) {
      assertThatThrownBy(() -> JettyChannelServer.builder(s).host("127.0.0.1").port(0)
          .httpIdleTimeout(Duration.ofSeconds(25)).start()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("httpIdleTimeout (PT25S)").hasMessageContaining("longest held request (PT30S");
    }
  }

  @Test
  void anEndpointThatHoldsNoRequestTakesAnyIdleTimeout() {
    ServerEndpoint answersAtOnce = (ServerRequest r) -> new ServerAnswer.Reject(503, "none");
    assertThat(answersAtOnce.longestHeldRequest()).isEmpty();
    try (JettyChannelServer jetty = JettyChannelServer.builder(answersAtOnce).host("127.0.0.1").port(0)
        .httpIdleTimeout(Duration.ofMillis(1)).start()) {
      assertThat(jetty.port()).isPositive();
    }
  }

  @Test
  void aMountedHandlerRefusesToStartOnAConnectorWhoseIdleTimeoutIsNotLonger() throws Exception {
    try (ChannelSocketServer s = server(b -> b)) {
      Server jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      connector.setIdleTimeout(POLL.toMillis());
      jetty.addConnector(connector);
      jetty.setHandler(JettyChannelHandler.builder(s).build());
      try {
        assertThatThrownBy(jetty::start).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("(PT20S) must be longer than the channel socket's longest held request (PT20S");
      } finally {
        jetty.stop();
      }
    }
  }

  @Test
  void aMountedHandlerStartsOnJettysDefaultConnector() throws Exception {
    try (ChannelSocketServer s = server(b -> b)) {
      Server jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      jetty.addConnector(connector);
      jetty.setHandler(JettyChannelHandler.builder(s).build());
      try {
        jetty.start();
        assertThat(connector.getIdleTimeout()).as("Jetty's default").isEqualTo(30_000);
        assertThat(jetty.isStarted()).isTrue();
      } finally {
        jetty.stop();
      }
    }
  }
}
