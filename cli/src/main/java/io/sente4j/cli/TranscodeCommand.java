package io.sente4j.cli;

import io.sente4j.core.Packer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sente4j transcode}: reads one value from stdin with one packer and writes it with another. */
@Command(name = "transcode", description = "Read one value from stdin in packer FROM and write it in packer TO.")
final class TranscodeCommand implements Runnable, IoCommand {
  private final Io io;

  @Option(names = "--from", required = true, paramLabel = "FROM", description = "packer of the input")
  String from;

  @Option(names = "--to", required = true, paramLabel = "TO", description = "packer of the output")
  String to;

  @Option(names = "--in", paramLabel = "ENC",
      description = "input encoding: text, hex or base64 (default: text for text packers, hex for binary)")
  Encoding in;

  @Option(names = "--out", paramLabel = "ENC",
      description = "output encoding: text, hex or base64 (default: text for text packers, hex for binary)")
  Encoding out;

  TranscodeCommand(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    Packer source = io.packers().get(from);
    Packer target = io.packers().get(to);
    Object value = source.unpack((in != null ? in : Encoding.defaultFor(source)).read(io.in(), source));
    (out != null ? out : Encoding.defaultFor(target)).write(target.pack(value), io.out());
  }
}
