package io.sente4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Via;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoServerTest {
  private DemoServer server;

  @BeforeEach
  void start() {
    server = DemoServer.start("localhost", 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @CsvSource({"WEBSOCKET, WEBSOCKET, edn", "AJAX, AJAX_POLL, edn", "WEBSOCKET, WEBSOCKET, json", "AJAX, AJAX_POLL, json"})
  void theConsoleClientEchoesOverTheRealSocket(ClientType type, Via via, String packer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertThat(server.port()).isPositive();
    try (ConsoleClient console = new ConsoleClient(server.webSocketUri(), type, PackerRegistry.load().get(packer),
        out)) {
      ClientState open = console.connect();
      assertThat(open.via()).isEqualTo(via);

      Object reply = console.echo("hello over " + via);
      Object echoKey = "edn".equals(packer) ? Keyword.of("echo") : "echo"; // JSON carries no keywords
      assertThat(reply).isEqualTo(Map.of(echoKey, "hello over " + via));
      console.echoAndPrint("printed");
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("sent [:demo/echo \"printed\"], the reply: {"
        + ("edn".equals(packer) ? ":echo" : "\"echo\"") + " \"printed\"}");
  }
}
