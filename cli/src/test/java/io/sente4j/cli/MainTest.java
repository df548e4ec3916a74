package io.sente4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

  /** The result of one run: status, stdout, stderr. */
  private record Run(int status, String out, String err) {}

  private static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void packersPrintsTheDiscoveredNamesSortedOnePerLine() {
    Run r = run("", "packers");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("cbor\nedn\njson\nmsgpack\ntransit-json\ntransit-msgpack\n");
  }

  @Test
  void transcodesEdnToJson() {
    Run r = run("{:room \"a\" :n 1 :at #inst \"2026-11-28T09:00:00Z\"}", "transcode", "--from", "edn", "--to",
        "json");
    assertThat(r.err()).isEmpty();
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("{\"room\":\"a\",\"n\":1,\"at\":\"2026-11-28T09:00:00Z\"}\n");
  }

  @Test
  void transcodesJsonToEdn() {
    Run r = run("[1, 2.5, \"x\", null, true, {\"k\": []}]\n", "transcode", "--from", "json", "--to", "edn");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("[1 2.5 \"x\" nil true {\"k\" []}]\n");
  }

  @Test
  void readsAndWritesHexAndBase64() {
    Run hex = run("[1 2]", "transcode", "--from", "edn", "--to", "edn", "--out", "hex");
    assertThat(hex.out()).isEqualTo("5b3120325d\n");
    Run back = run("5b 31 20 32 5d\n", "transcode", "--from", "edn", "--to", "json", "--in", "hex");
    assertThat(back.out()).isEqualTo("[1,2]\n");
    Run b64 = run("WzEgMl0=", "transcode", "--from", "edn", "--to", "edn", "--in", "base64", "--out", "base64");
    assertThat(b64.out()).isEqualTo("WzEgMl0=\n");
  }

  @Test
  void badInputExitsTwoWithOneLineAndNoStackTrace() {
    Run r = run("{:a 1 :a 2}", "transcode", "--from", "edn", "--to", "json");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("sente4j: edn: ").doesNotContain("\tat ");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void unknownPackerExitsTwoNamingTheAvailableOnes() {
    Run r = run("1", "transcode", "--from", "yaml", "--to", "edn");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("no packer named \"yaml\"", "cbor, edn, json, msgpack");
  }

  @Test
  void badHexExitsTwo() {
    Run r = run("zz", "transcode", "--from", "edn", "--to", "edn", "--in", "hex");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("sente4j: input is not valid hexadecimal");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("", "transcode", "--from", "edn").status()).isEqualTo(2);
    assertThat(run("").status()).isEqualTo(2);
    assertThat(run("", "frobnicate").status()).isEqualTo(2);
  }

  @Test
  void frameShowsAClientEventWithItsCallback() {
    Run r = run("[[:chat/send {:room \"a\"}] \"3f9c2a\"]", "frame", "--packer", "edn");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("event :chat/send cb=3f9c2a {:room \"a\"}\n");
  }

  @Test
  void frameReadsSente117PrefixedFrames() {
    Run r = run("+[[:chat/send {:room \"a\"}]]", "frame", "--packer", "edn");
    assertThat(r.out()).isEqualTo("event :chat/send {:room \"a\"}\n");
    Run ping = run("+[:chsk/ws-ping]", "frame", "--packer", "edn", "--from", "server");
    assertThat(ping.out()).isEqualTo("server-ping\n");
  }

  @Test
  void frameShowsServerFramesOfEveryExchange() {
    assertThat(run("[[:chsk/handshake [\"alice\" nil {:plan :pro}]] nil]", "frame", "--packer", "edn", "--from",
        "server").out()).isEqualTo("handshake uid=\"alice\" data={:plan :pro}\n");
    assertThat(run("[[[:a/b 1] [:a/c]] nil]", "frame", "--packer", "edn", "--from", "server", "--via", "ajax")
        .out()).isEqualTo("push [:a/b 1] [:a/c]\n");
    assertThat(run("[[[:a/b 1] [:a/c]] nil]", "frame", "--packer", "edn", "--from", "server", "--via",
        "ajax-post").out()).isEqualTo("ajax-reply [[:a/b 1] [:a/c]]\n");
    assertThat(run("[\"pong\" \"58b8e4\"]", "frame", "--packer", "edn", "--from", "server").out())
        .isEqualTo("pong cb=58b8e4\n");
    assertThat(run("[:chsk/dummy-cb-200 nil]", "frame", "--packer", "edn", "--from", "server", "--via",
        "ajax-post").out()).isEqualTo("ajax-ack\n");
  }

  @Test
  void frameReadsPlainJsonClientFrames() {
    Run r = run("[[\"chat/send\",{\"room\":\"a\"}],\"3f9c2a\"]", "frame", "--packer", "json");
    assertThat(r.out()).isEqualTo("event :chat/send cb=3f9c2a {\"room\" \"a\"}\n");
    Run ajax = run("[[\"chat/send\",{\"room\":\"a\"}],\"ajax\"]", "frame", "--packer", "json", "--via", "ajax");
    assertThat(ajax.out()).isEqualTo("ajax-event :chat/send reply-wanted {\"room\" \"a\"}\n");
  }

  @Test
  void badFrameExitsTwoSayingWhy() {
    Run r = run("[[:chsk/handshake [\"x\" nil]] nil]", "frame", "--packer", "edn");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("bad frame from client", "RESERVED_EVENT");
    Run v = run("[1 2]", "frame", "--packer", "edn", "--via", "sideways");
    assertThat(v.status()).isEqualTo(2);
    assertThat(v.err()).contains("--via must be");
  }
}
