package io.sente4j.demo;

import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Sente4jException;
import io.sente4j.demo.chat.ChatApp;
import io.sente4j.demo.chat.ChatConsole;
import io.sente4j.demo.chat.ChatSettings;
import io.sente4j.demo.chat.SessionKey;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The program the README's run command starts: the reference chat app on embedded Jetty (login, rooms, messages
 * pushed to every tab, who is online; the channel socket at {@code /chsk}, which also echoes {@code :demo/echo}),
 * and a console client in the same process, a chat user talking to it over the real socket. With {@code --tour}
 * it prints the frame tour and the in-memory tour instead and exits.
 */
@Command(name = "sente4j-demo", mixinStandardHelpOptions = true,
    description = "Serves the sente4j chat app on Jetty with a console client; --tour shows the wire instead.")
public final class Demo implements Callable<Integer> {
  /** The environment variable naming the port when {@code --port} is not given. */
  static final String PORT_VARIABLE = "SENTE4J_DEMO_PORT";
  static final int DEFAULT_PORT = 8080;

  @Option(names = "--port", paramLabel = "PORT",
      description = "The port to serve on, 0 for any free one (default: $" + PORT_VARIABLE + ", else 8080).")
  Integer port;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "localhost",
      description = "The interface to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "The session key file, made if missing, used unless $" + SessionKey.SECRET_VARIABLE
          + " is set (default: ~/.sente4j/demo-session.key).")
  Path keyFile;

  @Option(names = "--tour", description = "Print the frame tour and the in-memory tour, then exit.")
  boolean tour;

  private final Map<String, String> env;
  private final PrintStream out;

  Demo(Map<String, String> env, PrintStream out) {
    this.env = env;
    this.out = out;
  }

  /** Runs the demo; in server mode it returns only when the JVM stops (Ctrl-C, SIGTERM). */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    CommandLine cli = new CommandLine(new Demo(System.getenv(), out));
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("sente4j-demo: " + e.getMessage());
      return 1;
    });
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (tour) {
      return tours() ? 0 : 1;
    }
    SessionKey key = SessionKey.load(env, keyFile != null ? keyFile : SessionKey.defaultKeyFile());
    ChatApp app = ChatApp.start(ChatSettings.builder(key).host(host).port(port(port, env)).build());
    ChatConsole console = new ChatConsole(app.pageUri(), app.webSocketUri(), ClientType.AUTO,
        PackerRegistry.load().get("edn"), out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      console.close();
      app.close();
      out.println("sente4j demo: stopped");
    }, "sente4j-demo-stop"));
    out.println("sente4j demo: the chat app is at " + app.pageUri() + " (sessions signed with " + key.source()
        + ")");
    out.println("the channel socket is at " + app.webSocketUri() + " (WebSocket and Ajax long-polling, edn and JSON)");
    ClientState open = console.connect();
    out.println("console client logged in as " + ChatConsole.USER + ", open over " + open.via());
    console.echoAndPrint("hello from the console client");
    if (stdinIsTerminal()) {
      out.println("type a line to send it to #" + console.room() + " as " + ChatConsole.USER
          + "; /echo text asks for an echo (Ctrl-D ends the input, Ctrl-C stops)");
      console.readLines(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
      out.println("stdin closed; serving until Ctrl-C or SIGTERM");
    } else {
      out.println("stdin is not a terminal; serving until Ctrl-C or SIGTERM");
    }
    app.join();
    return 0;
  }

  /** The port: the option, else the environment variable, else 8080. */
  static int port(Integer option, Map<String, String> env) {
    if (option != null) {
      return checked(option, "--port");
    }
    String value = env.get(PORT_VARIABLE);
    if (value == null || value.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      return checked(Integer.parseInt(value.strip()), PORT_VARIABLE);
    } catch (NumberFormatException e) {
      throw new Sente4jException(PORT_VARIABLE + " is not a port number: \"" + value + "\"");
    }
  }

  private static int checked(int port, String where) {
    if (port < 0 || port > 65535) {
      throw new Sente4jException(where + " must be 0 to 65535: " + port);
    }
    return port;
  }

  private boolean tours() {
    PackerRegistry packers = PackerRegistry.load();
    boolean allRead = new FrameTour(packers, out).run();
    out.println();
    boolean toured = new InMemoryTour(packers.get("edn"), out).run();
    return allRead && toured;
  }

  /** Whether stdin is an interactive terminal (JDK 22+ has a console object even when it is not). */
  private static boolean stdinIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22 a console exists only on a terminal
    }
  }
}
