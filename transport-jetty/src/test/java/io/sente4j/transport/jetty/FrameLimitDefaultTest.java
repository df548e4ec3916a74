package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.ServerRequest;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The handler's frame limit follows the endpoint's largest frame unless the application sets one: raising a packer's
 * {@code maxInputBytes} used to leave the handler refusing everything over 1 MiB.
 */
class FrameLimitDefaultTest {
  private static final int TWO_MIB = 2 << 20;

  private static long bodyBound(int frame) {
    return 3L * frame + 4096;
  }

  @Test
  void aServerWhosePackerReadsLargerFramesGetsAHandlerThatDoesToo() {
    ChannelSocketServer server = ChannelSocketServer.builder(PackerRegistry.load().get("edn",
        PackerLimits.builder().maxInputBytes(TWO_MIB).build())).withoutCsrfCheck().build();
    try {
      assertThat(JettyChannelHandler.builder(server).build().maxBodyBytes()).isEqualTo(bodyBound(TWO_MIB));
    } finally {
      server.stop();
    }
  }

  @Test
  void theApplicationsOwnLimitWinsEvenBelowThePackers() {
    ServerEndpoint endpoint = endpointReading(OptionalInt.of(TWO_MIB));
    assertThat(JettyChannelHandler.builder(endpoint).maxFrameBytes(1000).build().maxBodyBytes())
        .isEqualTo(bodyBound(1000));
  }

  @Test
  void anEndpointThatDoesNotSayGetsThePackersDefault() {
    assertThat(JettyChannelHandler.builder(endpointReading(OptionalInt.empty())).build().maxBodyBytes())
        .isEqualTo(bodyBound(PackerLimits.DEFAULT_MAX_INPUT_BYTES));
  }

  @Test
  void anEndpointSayingLessThanOneByteIsRefused() {
    assertThatThrownBy(() -> JettyChannelHandler.builder(endpointReading(OptionalInt.of(0))).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxFrameBytes() must be at least 1, was 0");
  }

  private static ServerEndpoint endpointReading(OptionalInt frame) {
    return new ServerEndpoint() {
      @Override
      public ServerAnswer handle(ServerRequest request) {
        return new ServerAnswer.Respond(200, Payload.text("x"));
      }

      @Override
      public OptionalInt maxFrameBytes() {
        return frame;
      }
    };
  }
}
