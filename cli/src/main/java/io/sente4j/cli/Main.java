package io.sente4j.cli;

import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Sente4jException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sente4j} command: {@code packers}, {@code transcode} and {@code frame}. Bad input exits with status 2
 * and one line on stderr, never a stack trace.
 */
@Command(name = "sente4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Inspect sente4j packers and wire frames.",
    subcommands = {PackersCommand.class, TranscodeCommand.class, FrameCommand.class})
public final class Main implements Runnable {
  /** Exit status for bad input or bad usage. */
  static final int BAD_INPUT = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the command line against the given streams and returns the exit status. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    Io io = new Io(in, out, PackerRegistry.load());
    CommandLine cli = new CommandLine(new Main(), new Factory(io));
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("sente4j: " + oneLine(e));
      return e instanceof Sente4jException || e instanceof IllegalArgumentException ? BAD_INPUT : 1;
    });
    return cli.execute(args);
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    return m.replace('\n', ' ');
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: packers, transcode or frame");
  }

  /** The version written into the jar's manifest by the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"sente4j " + (v != null ? v : "(development build)")};
    }
  }

  /** Hands every command the streams and packers of this run. */
  private static final class Factory implements CommandLine.IFactory {
    private final Io io;

    Factory(Io io) {
      this.io = io;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (IoCommand.class.isAssignableFrom(cls)) {
        return cls.getDeclaredConstructor(Io.class).newInstance(io);
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
