package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ChannelSocketServer#maxFrameBytes()}: the largest input limit among the packers the server offers. */
class MaxFrameBytesTest {

  @Test
  void theLargestInputLimitOfThePackersOfferedWhicheverIsTheDefault() {
    for (boolean largerIsDefault : new boolean[] {false, true}) {
      Packer small = ToyPacker.TEXT;
      Packer large = ToyPacker.named("toy-large", 2 << 20);
      ChannelSocketServer server = ChannelSocketServer.builder(largerIsDefault ? large : small).withoutCsrfCheck()
          .additionalPackers(largerIsDefault ? small : large).build();
      try {
        assertThat(server.maxFrameBytes()).as("larger is default: %s", largerIsDefault).hasValue(2 << 20);
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void oneWithDefaultLimitsSaysThePackersDefault() {
    ChannelSocketServer server = ChannelSocketServer.builder(ToyPacker.TEXT).withoutCsrfCheck().build();
    try {
      assertThat(server.maxFrameBytes()).hasValue(PackerLimits.DEFAULT_MAX_INPUT_BYTES);
    } finally {
      server.stop();
    }
  }
}
