package io.sente4j.cli;

import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Packer;

/** One line per frame: its kind, then its content as edn, e.g. {@code event :chat/send cb=3f9c2a {:room "a"}}. */
final class FrameFormat {
  private final Packer edn;

  FrameFormat(Packer edn) {
    this.edn = edn;
  }

  String format(Frame frame) {
    switch (frame.kind()) {
      case HANDSHAKE: {
        Frame.Handshake h = (Frame.Handshake) frame;
        return "handshake uid=" + edn(h.uid()) + (h.handshakeData() == null ? "" : " data=" + edn(h.handshakeData()));
      }
      case CLIENT_EVENT: {
        Frame.ClientEvent e = (Frame.ClientEvent) frame;
        return "event " + e.event().id() + (e.wantsReply() ? " cb=" + e.callbackId() : "") + data(e.event());
      }
      case AJAX_EVENT: {
        Frame.AjaxEvent e = (Frame.AjaxEvent) frame;
        return "ajax-event " + e.event().id() + (e.wantsReply() ? " reply-wanted" : "") + data(e.event());
      }
      case REPLY: {
        Frame.Reply r = (Frame.Reply) frame;
        return "reply cb=" + r.callbackId() + " " + edn(r.value());
      }
      case AJAX_REPLY:
        return "ajax-reply " + edn(((Frame.AjaxReply) frame).value());
      case PUSH: {
        Frame.Push p = (Frame.Push) frame;
        StringBuilder sb = new StringBuilder("push");
        for (Event e : p.events()) {
          sb.append(' ').append(edn(FrameCodec.eventVector(e)));
        }
        return sb.toString();
      }
      case SERVER_PING:
        return "server-ping";
      case CLIENT_PING: {
        String cb = ((Frame.ClientPing) frame).callbackId();
        return "client-ping" + (cb == null ? "" : " cb=" + cb);
      }
      case PONG:
        return "pong cb=" + ((Frame.Pong) frame).callbackId();
      case CLIENT_PONG:
        return "client-pong";
      case AJAX_ACK:
        return "ajax-ack";
      case TIMEOUT:
        return "timeout";
      default:
        throw new AssertionError(frame.kind());
    }
  }

  private String data(Event e) {
    return e.data() == null ? "" : " " + edn(e.data());
  }

  private String edn(Object value) {
    return edn.pack(value).asText();
  }
}
