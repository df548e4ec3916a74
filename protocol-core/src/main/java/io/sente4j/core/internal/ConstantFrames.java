package io.sente4j.core.internal;

import io.sente4j.core.Chsk;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Payload;

/**
 * The frames a server sends whose content never changes, packed once per packer when the server is built: the Ajax
 * POST's no-reply ack, the {@code [:chsk/timeout nil]} that ends a long-poll or a held POST, and the {@code
 * [:chsk/error nil]} reply to a POST that cannot be queued. Packing them up front makes a packer that cannot pack
 * them fail the server's build, with its name, instead of failing a request halfway through (after its event was
 * handed to the handler), and saves packing the same bytes per request.
 *
 * @param ajaxAck {@link Frame.AjaxAck}
 * @param timeout {@link Frame.Timeout}
 * @param errorReply an Ajax reply carrying {@link Chsk#ERROR}
 */
public record ConstantFrames(Payload ajaxAck, Payload timeout, Payload errorReply) {
  /**
   * Packs the constant frames with {@code codec}.
   *
   * @throws IllegalArgumentException naming the packer, if it fails to pack any of them
   */
  public static ConstantFrames packedWith(FrameCodec codec) {
    try {
      return new ConstantFrames(codec.encode(new Frame.AjaxAck()), codec.encode(new Frame.Timeout()),
          codec.encode(new Frame.AjaxReply(Chsk.ERROR)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("packer " + codec.packer().name() + " cannot pack the protocol's own "
          + "frames ([:chsk/timeout nil], the Ajax ack, [:chsk/error nil]), so a server cannot use it: " + e, e);
    }
  }
}
