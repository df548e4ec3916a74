package io.sente4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The binary packers (msgpack, cbor) on the command line: hex by default, base64 and raw bytes on request, both as
 * source and target of {@code transcode}, and frames read with {@code frame}.
 */
class BinaryPackersTest {

  /** The result of one run: status, stdout as bytes, stderr. */
  private record Run(int status, byte[] out, String err) {
    String text() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  private static Run run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  private static Run run(String stdin, String... args) {
    return run(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  /** Sente's MessagePack server ping, as hex. */
  private static final String PING_MSGPACK = "92c70c006368736b2f77732d70696e67c0";

  @Test
  void transcodesEdnToMsgpackAsHexByDefault() {
    Run r = run("[:chsk/ws-ping nil]", "transcode", "--from", "edn", "--to", "msgpack");
    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isZero();
    assertThat(r.text()).isEqualTo(PING_MSGPACK + "\n");
  }

  @Test
  void transcodesMsgpackHexToEdn() {
    Run r = run(PING_MSGPACK, "transcode", "--from", "msgpack", "--to", "edn");
    assertThat(r.status()).isZero();
    assertThat(r.text()).isEqualTo("[:chsk/ws-ping nil]\n");
  }

  @Test
  void transcodesBetweenTheTwoBinaryPackersThroughBase64AndRawBytes() {
    String value = "{:at #inst \"2026-11-28T09:00:00.000-00:00\", :tags #{:a}, :n 1.5M, :id #uuid "
        + "\"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\"}";
    Run cbor = run(value, "transcode", "--from", "edn", "--to", "cbor", "--out", "base64");
    assertThat(cbor.status()).isZero();
    Run raw = run(cbor.out(), "transcode", "--from", "cbor", "--to", "cbor", "--in", "base64", "--out", "text");
    assertThat(raw.status()).isZero();
    // --out text writes a binary payload's bytes as they are, with no newline.
    Run back = run(raw.out(), "transcode", "--from", "cbor", "--to", "edn", "--in", "text");
    assertThat(back.err()).isEmpty();
    assertThat(back.text()).isEqualTo(value + "\n");
    // A decimal is outside Sente's MessagePack: refused with one line, status 2.
    Run refused = run(value, "transcode", "--from", "edn", "--to", "msgpack");
    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.err()).startsWith("sente4j: msgpack: cannot pack the decimal 1.5M");
  }

  @Test
  void readsBinaryFrames() {
    Run ping = run(PING_MSGPACK, "frame", "--packer", "msgpack", "--from", "server");
    assertThat(ping.status()).isZero();
    assertThat(ping.text()).isEqualTo("server-ping\n");
    Run event = run("[[:chat/send {:room \"a\"}] \"3f9c2a\"]", "transcode", "--from", "edn", "--to", "cbor");
    Run frame = run(event.out(), "frame", "--packer", "cbor");
    assertThat(frame.err()).isEmpty();
    assertThat(frame.text()).isEqualTo("event :chat/send cb=3f9c2a {:room \"a\"}\n");
  }

  @Test
  void badBinaryInputExitsTwoWithTheOffset() {
    Run r = run("9201", "transcode", "--from", "msgpack", "--to", "edn");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("sente4j: msgpack: ").contains("at offset 0").doesNotContain("\tat ");
    Run c = run(HexFormat.of().formatHex(new byte[] {(byte) 0xa2, 1, 1, 1, 2}), "transcode", "--from", "cbor",
        "--to", "edn");
    assertThat(c.status()).isEqualTo(2);
    assertThat(c.err()).startsWith("sente4j: cbor: the map repeats a key at offset 3");
  }
}
