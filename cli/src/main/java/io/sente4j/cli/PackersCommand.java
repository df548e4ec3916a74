package io.sente4j.cli;

import picocli.CommandLine.Command;

/** {@code sente4j packers}: the discovered packer names, sorted, one per line. */
@Command(name = "packers", description = "Print the discovered packer names, one per line.")
final class PackersCommand implements Runnable, IoCommand {
  private final Io io;

  PackersCommand(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    io.packers().names().forEach(io.out()::println);
  }
}
