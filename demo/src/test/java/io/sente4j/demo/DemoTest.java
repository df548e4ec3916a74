package io.sente4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Sente4jException;
import io.sente4j.demo.chat.SessionKey;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoTest {

  @Test
  void thePortIsTheOptionElseTheEnvironmentElse8080() {
    assertThat(Demo.port(9000, Map.of(Demo.PORT_VARIABLE, "9001"))).isEqualTo(9000);
    assertThat(Demo.port(null, Map.of(Demo.PORT_VARIABLE, " 9001 "))).isEqualTo(9001);
    assertThat(Demo.port(null, Map.of())).isEqualTo(8080);
    assertThat(Demo.port(null, Map.of(Demo.PORT_VARIABLE, ""))).isEqualTo(8080);
    assertThat(Demo.port(0, Map.of())).isZero();
    assertThat(Demo.port(65535, Map.of())).isEqualTo(65535);
  }

  @Test
  void aBadPortSaysWhereItCameFrom() {
    assertThatThrownBy(() -> Demo.port(65536, Map.of())).isInstanceOf(Sente4jException.class)
        .hasMessage("--port must be 0 to 65535: 65536");
    assertThatThrownBy(() -> Demo.port(-1, Map.of())).hasMessage("--port must be 0 to 65535: -1");
    assertThatThrownBy(() -> Demo.port(null, Map.of(Demo.PORT_VARIABLE, "http"))).isInstanceOf(Sente4jException.class)
        .hasMessage("SENTE4J_DEMO_PORT is not a port number: \"http\"");
    assertThatThrownBy(() -> Demo.port(null, Map.of(Demo.PORT_VARIABLE, "70000")))
        .hasMessage("SENTE4J_DEMO_PORT must be 0 to 65535: 70000");
  }

  @Test
  void theToursRunBehindAnOption() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int status = new CommandLine(new Demo(Map.of(), out)).execute("--tour");
    String shown = bytes.toString(StandardCharsets.UTF_8);

    assertThat(status).as(shown).isZero();
    assertThat(shown).contains("every frame read back as sent", "every in-memory step behaved as described");
  }

  /** The program as the run command starts it, with stdin a pipe (not a terminal), stopped with SIGTERM. */
  @Test
  void theProgramServesEchoesAndStopsOnSigterm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Demo.class.getName(), "--port", "0");
    pb.redirectErrorStream(true);
    pb.environment().remove(Demo.PORT_VARIABLE);
    pb.environment().put(SessionKey.SECRET_VARIABLE, "a secret of at least thirty-two bytes"); // no key file in ~
    Process process = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
        if (line.startsWith("stdin is not a terminal")) {
          // SIGTERM, and the shutdown hook stops the channel socket, then Jetty. (Process.destroy would also close
          // this end of the process's output.)
          process.toHandle().destroy();
        }
      }
    } finally {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    String shown = String.join(File.separator.equals("/") ? "\n" : "\r\n", lines);
    assertThat(shown).containsPattern("the chat app is at http://localhost:\\d+/ \\(sessions signed with "
            + "SENTE4J_DEMO_SECRET\\)")
        .containsPattern("the channel socket is at ws://localhost:\\d+/chsk")
        .contains("console client logged in as console, open over WEBSOCKET",
            "sent [:demo/echo \"hello from the console client\"], the reply: {:echo \"hello from the console client\"}",
            "stdin is not a terminal; serving until Ctrl-C or SIGTERM",
            "sente4j demo: stopped");
    assertThat(shown).doesNotContain("Exception");
  }
}
