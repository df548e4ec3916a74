package io.sente4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.PackerRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InMemoryTourTest {

  @Test
  void everyStepBehavesAsPrinted() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    boolean toured = new InMemoryTour(PackerRegistry.load().get("edn"), out).run();
    String shown = bytes.toString(StandardCharsets.UTF_8);

    assertThat(toured).as(shown).isTrue();
    assertThat(shown).doesNotContain("FAILED");
    assertThat(shown).contains(
        "alice-1 open: uid alice, handshake data {:server \"sente4j-demo\"}",
        "bob-1 open: uid bob",
        "the first frame alice-1 read: [[:chsk/handshake [\"alice\" nil {:server \"sente4j-demo\"}]] nil]",
        "server saw: [:chsk/uidport-open alice], [:chsk/uidport-open bob]",
        "a WebSocket with no CSRF token: WebSocket upgrade refused with HTTP 403: Bad CSRF token",
        "a WebSocket with another origin: WebSocket upgrade refused with HTTP 403: Unauthorized origin",
        "alice-1 asked [:chat/echo \"hello, sente4j\"], the reply: {:echo \"hello, sente4j\", :from \"alice\"}",
        "in 1 frame(s) on alice-1's socket: [[[:chat/msg {:n 1}] [:chat/msg {:n 2}] [:chat/msg {:n 3}]] nil]",
        "alice-1 got [:chat/msg {:n 1}] [:chat/msg {:n 2}] [:chat/msg {:n 3}]",
        "alice-2 got [:chat/msg {:n 1}] [:chat/msg {:n 2}] [:chat/msg {:n 3}]",
        "ReplyTimeoutException, outcome :chsk/timeout",
        "alice-1 saw the cut (1006 abnormal) and reconnected with a new handshake: uid alice",
        "after the grace the server saw: [:chsk/uidport-close bob]",
        "reloaded the other inside the grace; the server saw nothing",
        "connected: [alice], alice's clients: [alice-2]",
        "carol-1 open over AJAX_POLL: uid carol",
        "carol-1 asked [:chat/echo \"over Ajax\"], the reply: {:echo \"over Ajax\", :from \"carol\"}",
        "carol-1 got [:chat/msg {:n 4}]; on the wire:",
        "  GET (handshake) -> 200 [[:chsk/handshake [\"carol\" nil {:server \"sente4j-demo\"}]] nil]",
        "  POST [[:chat/echo \"over Ajax\"] :ajax] -> 200 [{:echo \"over Ajax\", :from \"carol\"} nil]",
        "  GET (long-poll) -> 200 [[[:chat/msg {:n 4}]] nil]",
        "alice-2 saw the close 1001 server-stop",
        "every in-memory step behaved as described");
  }
}
