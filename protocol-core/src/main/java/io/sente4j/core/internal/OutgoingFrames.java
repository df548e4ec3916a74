package io.sente4j.core.internal;

import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Payload;
import io.sente4j.core.Sente4jException;

/**
 * Packs a frame a client is about to send and checks it against the frame limit (PROTOCOL.md §11.1: a sender SHOULD
 * check), so that an oversize event fails its own send with a clear message instead of reaching the server, which
 * would close the connection (WebSocket, {@code too-large}) or answer {@code 413} (Ajax).
 */
final class OutgoingFrames {
  private OutgoingFrames() {}

  /**
   * The frame packed.
   *
   * @throws Sente4jException if it packs to more bytes than the packer's input limit
   * @throws RuntimeException the packer's error if it cannot pack the frame
   */
  static Payload pack(FrameCodec codec, Frame frame) {
    Payload payload = codec.encode(frame);
    int limit = codec.packer().limits().maxInputBytes();
    if (payload.byteLength() > limit) {
      throw new Sente4jException("the " + frame.kind() + " frame packs to " + payload.byteLength()
          + " bytes, over the frame limit of " + limit + " bytes (the packer's maxInputBytes); not sent");
    }
    return payload;
  }
}
