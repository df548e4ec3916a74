package io.sente4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line with the Transit packers: listed, transcoded both ways, frames read. */
class TransitCliTest {
  private record Run(int status, String out, String err) {}

  private static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void listsBothTransitPackers() {
    assertThat(run("", "packers").out()).contains("transit-json\n", "transit-msgpack\n");
  }

  @Test
  void transcodesEdnToTransitJsonWithCacheReferencesAndBack() {
    Run r = run("[{:user/id 1} {:user/id 2}]", "transcode", "--from", "edn", "--to", "transit-json");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("[[\"^ \",\"~:user/id\",1],[\"^ \",\"^0\",2]]\n");
    Run back = run(r.out(), "transcode", "--from", "transit-json", "--to", "edn");
    assertThat(back.out()).isEqualTo("[{:user/id 1} {:user/id 2}]\n");
  }

  @Test
  void transcodesThroughTransitMsgpackAsHex() {
    Run hex = run("#{:a}", "transcode", "--from", "edn", "--to", "transit-msgpack", "--out", "hex");
    assertThat(hex.status()).isZero();
    assertThat(hex.out()).isEqualTo("92a57e2373657491a37e3a61\n");
    Run back = run(hex.out(), "transcode", "--from", "transit-msgpack", "--to", "edn", "--in", "hex");
    assertThat(back.out()).isEqualTo("#{:a}\n");
  }

  @Test
  void readsASentePushWrittenInTransit() {
    Run r = run("[[[\"~:my-app/alert\",[\"^ \",\"~:n\",1]],[\"^0\",[\"^ \",\"~:n\",2]]],null]", "frame", "--packer",
        "transit-json", "--from", "server");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("push").contains(":my-app/alert");
  }

  @Test
  void badTransitExitsTwoWithOneLine() {
    Run r = run("[\"^0\"]", "transcode", "--from", "transit-json", "--to", "edn");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("cache reference");
  }
}
