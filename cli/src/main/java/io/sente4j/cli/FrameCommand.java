package io.sente4j.cli;

import io.sente4j.core.Direction;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Packer;
import io.sente4j.core.Via;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sente4j frame}: reads one wire frame from stdin and prints its kind and content as edn. */
@Command(name = "frame", description = {
    "Read one wire frame from stdin and print its kind and content as edn,",
    "e.g. 'event :chat/send cb=3f9c2a {:room \"a\"}'. Reads Sente 1.17's '+' form too."})
final class FrameCommand implements Runnable, IoCommand {
  private final Io io;

  @Option(names = "--packer", required = true, paramLabel = "P", description = "packer of the frame")
  String packer;

  @Option(names = "--from", defaultValue = "client", paramLabel = "SIDE",
      description = "who sent the frame: client or server (default: client)")
  Side side;

  @Option(names = "--via", defaultValue = "ws", paramLabel = "VIA", description = {
      "the exchange: ws, ajax-poll, ajax-post, or ajax (a POST from a client,",
      "a poll response from a server) (default: ws)"})
  String via;

  @Option(names = "--in", paramLabel = "ENC",
      description = "input encoding: text, hex or base64 (default: text for text packers, hex for binary)")
  Encoding in;

  /** Who sent a frame. */
  enum Side { client, server }

  FrameCommand(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    Packer p = io.packers().get(packer);
    Direction from = side == Side.client ? Direction.FROM_CLIENT : Direction.FROM_SERVER;
    Frame frame = new FrameCodec(p).decode((in != null ? in : Encoding.defaultFor(p)).read(io.in(), p), from,
        via(from));
    io.out().println(new FrameFormat(io.packers().get("edn")).format(frame));
  }

  private Via via(Direction from) {
    switch (via) {
      case "ws":
        return Via.WEBSOCKET;
      case "ajax-poll":
        return Via.AJAX_POLL;
      case "ajax-post":
        return Via.AJAX_POST;
      case "ajax":
        return from == Direction.FROM_CLIENT ? Via.AJAX_POST : Via.AJAX_POLL;
      default:
        throw new IllegalArgumentException("--via must be ws, ajax, ajax-poll or ajax-post, not \"" + via + "\"");
    }
  }
}
