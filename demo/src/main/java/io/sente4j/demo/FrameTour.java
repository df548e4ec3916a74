package io.sente4j.demo;

import io.sente4j.core.Direction;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import io.sente4j.core.Sente4jException;
import java.io.PrintStream;

/** Packs every sample frame with every packer, prints the wire form, and checks that it reads back. */
final class FrameTour {
  private final PackerRegistry packers;
  private final PrintStream out;

  FrameTour(PackerRegistry packers, PrintStream out) {
    this.packers = packers;
    this.out = out;
  }

  /** Prints the tour; returns whether every frame read back equal to what was sent. */
  boolean run() {
    out.println("sente4j demo: a frame of every kind, packed by each packer and read back");
    out.println("packers on the class path: " + String.join(", ", packers.names()));
    boolean allRead = true;
    for (String name : packers.names()) {
      Packer packer = packers.get(name);
      FrameCodec codec = new FrameCodec(packer);
      out.println();
      out.println("== " + name + (packer.isBinary() ? " (binary, shown as hex)" : "") + " ==");
      for (SampleFrames.Sample s : SampleFrames.all()) {
        allRead &= show(codec, s);
      }
    }
    out.println();
    out.println(allRead ? "every frame read back as sent" : "SOME FRAMES DID NOT READ BACK");
    return allRead;
  }

  private boolean show(FrameCodec codec, SampleFrames.Sample s) {
    String route = (s.from() == Direction.FROM_CLIENT ? "client->server " : "server->client ") + s.via();
    out.printf("%-24s %-26s", s.title(), route);
    try {
      Payload wire = codec.encode(s.frame());
      Frame read = codec.decode(wire, s.from(), s.via());
      out.println(wire.isText() ? wire.asText() : wire.asBytes().toHex());
      String verdict;
      boolean ok = true;
      if (read.equals(s.frame())) {
        verdict = "reads back equal (" + read.kind() + ")";
      } else if (read.kind() == s.frame().kind() && codec.encode(read).equals(wire)) {
        // A lossy packer (JSON) normalises values, e.g. keywords to strings; the frame still means the same.
        verdict = "reads back as " + read.kind() + ", values normalised by " + codec.packer().name();
      } else {
        verdict = "READ BACK AS " + read;
        ok = false;
      }
      out.printf("%-51s%s%n", "", verdict);
      return ok;
    } catch (Sente4jException e) {
      out.println("FAILED: " + e.getMessage());
      return false;
    }
  }
}
