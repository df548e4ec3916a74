package io.sente4j.spec;

import io.sente4j.core.Chsk;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Applies a function to the application values inside a frame (user id, handshake data, event data, reply values)
 * and leaves the protocol's own parts alone: what a lossy packer's normalisation does to a frame.
 */
public final class FrameValues {
  private FrameValues() {}

  /** The frame with {@code fn} applied to each application value; {@link Chsk#NIL_UID} is left as it is. */
  public static Frame map(Frame frame, UnaryOperator<Object> fn) {
    switch (frame.kind()) {
      case HANDSHAKE: {
        Frame.Handshake h = (Frame.Handshake) frame;
        Object uid = h.hasUid() ? fn.apply(h.uid()) : h.uid();
        return new Frame.Handshake(uid, fn.apply(h.handshakeData()));
      }
      case CLIENT_EVENT: {
        Frame.ClientEvent e = (Frame.ClientEvent) frame;
        return new Frame.ClientEvent(event(e.event(), fn), e.callbackId());
      }
      case AJAX_EVENT: {
        Frame.AjaxEvent e = (Frame.AjaxEvent) frame;
        return new Frame.AjaxEvent(event(e.event(), fn), e.wantsReply());
      }
      case REPLY: {
        Frame.Reply r = (Frame.Reply) frame;
        return new Frame.Reply(fn.apply(r.value()), r.callbackId());
      }
      case AJAX_REPLY:
        return new Frame.AjaxReply(fn.apply(((Frame.AjaxReply) frame).value()));
      case PUSH: {
        List<Event> events = new ArrayList<>();
        for (Event e : ((Frame.Push) frame).events()) {
          events.add(event(e, fn));
        }
        return new Frame.Push(events);
      }
      default:
        return frame;
    }
  }

  private static Event event(Event e, UnaryOperator<Object> fn) {
    return new Event(e.id(), fn.apply(e.data()));
  }
}
