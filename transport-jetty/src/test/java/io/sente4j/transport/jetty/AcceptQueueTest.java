package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.ServerRequest;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The embedded server's listen backlog: larger than the JDK's 50 by default, for clients reconnecting at once. */
class AcceptQueueTest {
  private static final ServerEndpoint ANSWERS = (ServerRequest r) -> new ServerAnswer.Reject(503, "none");

  private static int acceptQueueOf(UnaryOperator<JettyChannelServer.Builder> options) {
    AtomicReference<Server> jetty = new AtomicReference<>();
    try (JettyChannelServer started = options.apply(JettyChannelServer.builder(ANSWERS).host("127.0.0.1").port(0))
        .customize(jetty::set).start()) {
      assertThat(started.port()).isPositive();
      return ((ServerConnector) jetty.get().getConnectors()[0]).getAcceptQueueSize();
    }
  }

  @Test
  void theDefaultIs1024() {
    assertThat(acceptQueueOf(b -> b)).isEqualTo(JettyChannelServer.Builder.DEFAULT_ACCEPT_QUEUE_SIZE).isEqualTo(1024);
  }

  @Test
  void theBuilderSetsIt() {
    assertThat(acceptQueueOf(b -> b.acceptQueueSize(1))).isEqualTo(1);
    assertThat(acceptQueueOf(b -> b.acceptQueueSize(4096))).isEqualTo(4096);
  }

  @Test
  void lessThanOneIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> JettyChannelServer.builder(ANSWERS).acceptQueueSize(0))
        .withMessage("acceptQueueSize must be at least 1: 0");
  }
}
