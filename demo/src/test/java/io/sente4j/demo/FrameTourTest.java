package io.sente4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.PackerRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameTourTest {

  @Test
  void everySampleFrameReadsBackInEveryPacker() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    boolean allRead = new FrameTour(PackerRegistry.load(), out).run();
    String shown = bytes.toString(StandardCharsets.UTF_8);

    assertThat(allRead).as(shown).isTrue();
    assertThat(shown).contains("== edn ==", "== json ==", "every frame read back as sent");
    assertThat(shown).contains("[[:chsk/handshake [\"alice\" nil {:server \"sente4j-demo\"}]] nil]");
    assertThat(shown).contains("[[\"chat/send\",{\"room\":\"lobby\",\"text\":\"hello, sente4j\"}],\"7ab481\"]");
    assertThat(shown).doesNotContain("FAILED", "READ BACK AS");
  }
}
