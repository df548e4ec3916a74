package io.sente4j.demo;

import io.sente4j.core.PackerRegistry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The program the README's run command starts. It shows the wire protocol (a frame of every kind packed by each
 * packer on the class path, as the bytes a peer would see, and read back), then an in-memory server and clients
 * exchanging events, replies and pushes. Later releases grow it into an embedded server, then the chat app.
 */
public final class Demo {
  private Demo() {}

  /** Runs the demo on stdout; exits with status 1 if any frame fails to read back or any step misbehaves. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PackerRegistry packers = PackerRegistry.load();
    boolean allRead = new FrameTour(packers, out).run();
    out.println();
    boolean toured = new InMemoryTour(packers.get("edn"), out).run();
    if (!allRead || !toured) {
      System.exit(1);
    }
  }
}
