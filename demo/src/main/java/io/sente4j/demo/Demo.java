package io.sente4j.demo;

import io.sente4j.core.PackerRegistry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The program the README's run command starts. In this release it shows the wire protocol: a frame of every kind
 * packed by each packer on the class path, as the bytes a peer would see, and read back. Later releases grow it into
 * an in-memory server and client, then an embedded server, then the chat app.
 */
public final class Demo {
  private Demo() {}

  /** Runs the demo on stdout; exits with status 1 if any frame fails to read back. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    boolean allRead = new FrameTour(PackerRegistry.load(), out).run();
    if (!allRead) {
      System.exit(1);
    }
  }
}
