package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client gives its transport its packer's frame limit with every WebSocket open and HTTP request, so that a
 * transport bounding what it reads can follow a raised {@code maxInputBytes} without being told twice.
 */
class ClientFrameLimitToTransportTest {
  private static final int THREE_MIB = 3 << 20;
  private final Packer packer = ToyPacker.textWithLimits(PackerLimits.builder().maxInputBytes(THREE_MIB).build());
  private final ClientFixture f = new ClientFixture(1, packer);

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void aWebSocketOpenCarriesThePackersInputLimit() {
    f.start(f.builder(packer));
    f.connectOpen("u1");
    assertThat(f.transport.frameLimits()).containsExactly(THREE_MIB);
  }

  @Test
  void everyAjaxRequestCarriesThePackersInputLimit() {
    f.start(f.builder(packer).type(ClientType.AJAX));
    f.connectAjax("u1"); // the handshake and the first long-poll
    f.client.send(Event.of(Keyword.of("app", "note"), "x"), Duration.ofSeconds(5));
    f.transport.nextPost();
    assertThat(f.transport.frameLimits()).hasSize(3).containsOnly(THREE_MIB);
  }
}
