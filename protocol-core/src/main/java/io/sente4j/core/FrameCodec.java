package io.sente4j.core;

import io.sente4j.core.FrameException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Converts {@link Frame}s to and from payloads with one {@link Packer}. Immutable and thread-safe.
 *
 * <p>Writing always uses Sente 1.21's form, the two-element vector {@code [payload cb]} with {@code nil} when there
 * is no callback. Reading also accepts a one-element vector {@code [payload]} (Sente 1.18 to 1.20) and, for text
 * packers, Sente 1.17's prefixed form: {@code +} before a packed {@code [payload]} or {@code [payload cb]}, and
 * {@code -} before a bare packed payload.
 *
 * <p>For a packer that does not carry keywords ({@link Packer#carriesKeywords()} is false, as for JSON), the
 * protocol's keyword positions are read from strings, with or without a leading colon: event ids ({@code
 * "chat/send"} or {@code ":chat/send"}), the {@code chsk/} payload values, and the nil user id. Application data is
 * never rewritten.
 */
public final class FrameCodec {
  private final Packer packer;
  /** Joins pushes; built on first use, since most codecs never join any. */
  private volatile PushSplicer splicer;

  /** A codec that packs with {@code packer}. */
  public FrameCodec(Packer packer) {
    this.packer = Objects.requireNonNull(packer, "packer");
  }

  /** The packer this codec uses. */
  public Packer packer() {
    return packer;
  }

  /**
   * Packs a frame.
   *
   * @throws PackerException if a value inside the frame is outside the packer's domain, or the packer returned
   *     {@code null} for it (which {@link Packer#pack} never may)
   */
  public Payload encode(Frame frame) {
    return pack(toWire(frame), frame.kind());
  }

  /**
   * Every pack goes through here: a packer that returns {@code null} (a third party's bug) fails here, as a value it
   * cannot pack, instead of wherever the payload is first used (sizing a push, queueing a reply, answering a POST).
   */
  private Payload pack(Object wire, Frame.Kind kind) {
    Payload packed = packer.pack(wire);
    if (packed == null) {
      throw new PackerException(packer.name(), "pack returned null for a " + kind + " frame; a packer must return a "
          + "Payload or throw PackerException (a bug in the packer)");
    }
    return packed;
  }

  /**
   * Unpacks and reads one frame.
   *
   * @param payload the payload as received
   * @param from who sent it
   * @param via the exchange it came in
   * @throws FrameException if the payload does not unpack ({@link Reason#UNPACKABLE}) or is not a frame that
   *     {@code from} may send via {@code via}
   * @throws IllegalArgumentException if {@code from} is the client and {@code via} is {@link Via#AJAX_POLL}, which
   *     carries no client frame
   */
  public Frame decode(Payload payload, Direction from, Via via) {
    checkExchange(from, via);
    Objects.requireNonNull(payload, "payload");
    int first = packer.isBinary() ? -1 : firstAsciiUnit(payload);
    if (first == '+') {
      return fromWire(unpack(withoutFirstUnit(payload), from, via), from, via);
    }
    if (first == '-') {
      return fromParts(unpack(withoutFirstUnit(payload), from, via), null, from, via);
    }
    return fromWire(unpack(payload, from, via), from, via);
  }

  /** The payload after its one-character ASCII prefix, in its own form: bytes stay bytes for the packer to check. */
  private static Payload withoutFirstUnit(Payload payload) {
    if (payload instanceof Payload.Text) {
      return Payload.text(((Payload.Text) payload).text().substring(1));
    }
    Bytes bytes = payload.asBytes();
    return Payload.binary(bytes.slice(1, bytes.length()));
  }

  /** The first character of a text payload (or first byte of UTF-8 bytes), without converting the whole payload. */
  private static int firstAsciiUnit(Payload payload) {
    if (payload instanceof Payload.Text) {
      String text = ((Payload.Text) payload).text();
      return text.isEmpty() ? -1 : text.charAt(0);
    }
    Bytes bytes = payload.asBytes();
    return bytes.isEmpty() ? -1 : bytes.get(0) & 0xff;
  }

  private Object unpack(Payload payload, Direction from, Via via) {
    try {
      return packer.unpack(payload);
    } catch (PackerException e) {
      throw new FrameException(Reason.UNPACKABLE, from, via, e.getMessage(), null, e);
    }
  }

  /**
   * Reads one frame from its unpacked wire value, {@code [payload cb]} or {@code [payload]}.
   *
   * @throws FrameException if the value is not a frame that {@code from} may send via {@code via}
   */
  public Frame fromWire(Object wire, Direction from, Via via) {
    checkExchange(from, via);
    if (!(wire instanceof List)) {
      throw new FrameException(Reason.MALFORMED_FRAME, from, via, "expected a vector [payload cb]", wire, null);
    }
    List<?> frame = (List<?>) wire;
    if (frame.isEmpty() || frame.size() > 2) {
      throw new FrameException(Reason.MALFORMED_FRAME, from, via,
          "expected a vector of 1 or 2 elements, got " + frame.size(), wire, null);
    }
    return fromParts(frame.get(0), frame.size() == 2 ? frame.get(1) : null, from, via);
  }

  private Frame fromParts(Object payload, Object cb, Direction from, Via via) {
    if (from == Direction.FROM_CLIENT) {
      Event event = event(payload, from, via);
      if (via == Via.AJAX_POST) {
        requireUnreserved(event, from, via);
        return new Frame.AjaxEvent(event, cb != null && !Boolean.FALSE.equals(cb));
      }
      if (event.id().equals(Chsk.WS_PONG)) {
        return new Frame.ClientPong(); // its callback slot is ignored
      }
      String callbackId = callbackId(cb, from, via);
      if (event.id().equals(Chsk.WS_PING)) {
        return new Frame.ClientPing(callbackId);
      }
      requireUnreserved(event, from, via);
      return new Frame.ClientEvent(event, callbackId);
    }
    switch (via) {
      case WEBSOCKET:
        if (cb != null) {
          String id = callbackId(cb, from, via);
          return Chsk.PONG.equals(payload) ? new Frame.Pong(id) : new Frame.Reply(payload, id);
        }
        if (isKeyword(payload, Chsk.WS_PING)) {
          return new Frame.ServerPing();
        }
        return handshakeOrPush(payload, from, via);
      case AJAX_POLL:
        if (isKeyword(payload, Chsk.TIMEOUT)) {
          return new Frame.Timeout();
        }
        return handshakeOrPush(payload, from, via);
      default:
        if (isKeyword(payload, Chsk.DUMMY_CB_200)) {
          return new Frame.AjaxAck();
        }
        if (isKeyword(payload, Chsk.TIMEOUT)) {
          return new Frame.Timeout();
        }
        return new Frame.AjaxReply(payload);
    }
  }

  private Frame handshakeOrPush(Object payload, Direction from, Via via) {
    if (!(payload instanceof List)) {
      throw new FrameException(Reason.UNEXPECTED_PAYLOAD, from, via,
          "expected a handshake, a push batch (a vector of events) or a ping", payload, null);
    }
    List<?> items = (List<?>) payload;
    if (!items.isEmpty() && keyword(items.get(0)) != null) {
      Event event = event(payload, from, via);
      if (!event.id().equals(Chsk.HANDSHAKE)) {
        throw new FrameException(Reason.UNEXPECTED_PAYLOAD, from, via,
            "a single event where a push batch (a vector of events) was expected", payload, null);
      }
      return handshake(event.data(), from, via);
    }
    List<Event> events = new ArrayList<>(items.size());
    for (Object item : items) {
      Event e = event(item, from, via);
      requireUnreserved(e, from, via);
      events.add(e);
    }
    return new Frame.Push(events);
  }

  private Frame handshake(Object data, Direction from, Via via) {
    if (!(data instanceof List) || ((List<?>) data).size() < 2 || ((List<?>) data).size() > 3) {
      throw new FrameException(Reason.UNEXPECTED_PAYLOAD, from, via,
          "expected handshake data [uid nil] or [uid nil handshake-data]", data, null);
    }
    List<?> parts = (List<?>) data;
    Object uid = parts.get(0);
    if (uid instanceof String && !packer.carriesKeywords()
        && (isKeyword(uid, Chsk.NIL_UID) || isKeyword(uid, Chsk.LEGACY_NIL_UID))) {
      uid = Chsk.NIL_UID;
    }
    return new Frame.Handshake(uid, parts.size() == 3 ? parts.get(2) : null);
  }

  private Event event(Object value, Direction from, Via via) {
    if (!(value instanceof List) || ((List<?>) value).isEmpty() || ((List<?>) value).size() > 2) {
      throw new FrameException(Reason.BAD_EVENT, from, via,
          "expected an event [:ns/id] or [:ns/id data]", value, null);
    }
    List<?> parts = (List<?>) value;
    Keyword id = keyword(parts.get(0));
    if (id == null || !id.hasNamespace()) {
      throw new FrameException(Reason.BAD_EVENT, from, via,
          "an event id must be a namespaced keyword such as :my-app/event", value, null);
    }
    return new Event(id, parts.size() == 2 ? parts.get(1) : null);
  }

  private static void requireUnreserved(Event event, Direction from, Via via) {
    if (event.isReserved()) {
      throw new FrameException(Reason.RESERVED_EVENT, from, via,
          "the chsk namespace is reserved for the protocol", event.id(), null);
    }
  }

  private static String callbackId(Object cb, Direction from, Via via) {
    if (cb == null || cb instanceof String) {
      return (String) cb;
    }
    throw new FrameException(Reason.BAD_CALLBACK_ID, from, via, "a callback id must be a string or nil", cb, null);
  }

  /** The keyword a value stands for in a keyword position, or null if it stands for none. */
  private Keyword keyword(Object value) {
    if (value instanceof Keyword) {
      return (Keyword) value;
    }
    if (value instanceof String && !packer.carriesKeywords()) {
      String s = (String) value;
      try {
        return Keyword.of(s.startsWith(":") ? s.substring(1) : s);
      } catch (IllegalArgumentException notAKeyword) {
        return null;
      }
    }
    return null;
  }

  private boolean isKeyword(Object value, Keyword expected) {
    if (expected.equals(value)) {
      return true;
    }
    if (value instanceof String && !packer.carriesKeywords()) {
      String s = (String) value;
      String q = expected.qualifiedName();
      return s.length() == q.length() + 1 ? s.charAt(0) == ':' && s.endsWith(q) : s.equals(q);
    }
    return false;
  }

  private static void checkExchange(Direction from, Via via) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(via, "via");
    if (from == Direction.FROM_CLIENT && via == Via.AJAX_POLL) {
      throw new IllegalArgumentException("a client sends no frame in an Ajax poll; its events travel via AJAX_POST");
    }
  }

  /**
   * The wire value of a frame, {@code [payload cb]}, as unmodifiable lists that may hold {@code null}. This is
   * what {@link #encode} packs.
   */
  public static List<Object> toWire(Frame frame) {
    switch (frame.kind()) {
      case HANDSHAKE: {
        Frame.Handshake h = (Frame.Handshake) frame;
        return vector(vector(Chsk.HANDSHAKE, vector(h.uid(), null, h.handshakeData())), null);
      }
      case CLIENT_EVENT: {
        Frame.ClientEvent e = (Frame.ClientEvent) frame;
        return vector(eventVector(e.event()), e.callbackId());
      }
      case AJAX_EVENT: {
        Frame.AjaxEvent e = (Frame.AjaxEvent) frame;
        return vector(eventVector(e.event()), e.wantsReply() ? Chsk.AJAX_MARKER : null);
      }
      case REPLY: {
        Frame.Reply r = (Frame.Reply) frame;
        return vector(r.value(), r.callbackId());
      }
      case AJAX_REPLY:
        return vector(((Frame.AjaxReply) frame).value(), null);
      case PUSH:
        return pushWire(((Frame.Push) frame).events());
      case SERVER_PING:
        return vector(Chsk.WS_PING, null);
      case CLIENT_PING:
        return vector(vector(Chsk.WS_PING), ((Frame.ClientPing) frame).callbackId());
      case PONG:
        return vector(Chsk.PONG, ((Frame.Pong) frame).callbackId());
      case CLIENT_PONG:
        return vector(vector(Chsk.WS_PONG), null);
      case AJAX_ACK:
        return vector(Chsk.DUMMY_CB_200, null);
      case TIMEOUT:
        return vector(Chsk.TIMEOUT, null);
      default:
        throw new AssertionError(frame.kind());
    }
  }

  /**
   * Packs a push of events that were checked when they were sent (none is null or reserved), without the copy and
   * the checks of a {@link Frame.Push}: the server packs every batch it flushes, and its events were checked one by
   * one on their way into the push buffer.
   *
   * @throws PackerException if a value inside an event is outside the packer's domain
   */
  Payload encodePush(List<Event> checkedEvents) {
    return pack(pushWire(checkedEvents), Frame.Kind.PUSH);
  }

  /**
   * Joins push frames packed by this codec into one push frame carrying all their events in order, without packing
   * the events again, where the packer can ({@link Packer#concatLists}).
   *
   * @param pushes push frames this codec packed
   * @return the joined frame, or {@code null} if the packer cannot join them (pack the events again then)
   * @throws RuntimeException whatever a third party's packer throws
   */
  public Payload joinPushes(List<Payload> pushes) {
    PushSplicer s = splicer;
    if (s == null) {
      s = PushSplicer.of(packer, this::encodePush); // a race builds two equal splicers: harmless
      splicer = s;
    }
    return s.join(pushes);
  }

  /**
   * Packs one checked event on its own, as a push carries it: to tell which events of a batch the packer fails on.
   *
   * @throws PackerException as {@link #encodePush} does
   */
  Payload encodeEvent(Event checkedEvent) {
    return pack(eventVector(checkedEvent), Frame.Kind.PUSH);
  }

  private static List<Object> pushWire(List<Event> events) {
    Object[] batch = new Object[events.size()];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = eventVector(events.get(i));
    }
    return vector(vector(batch), null);
  }

  /** The wire value of an event: {@code [id]} without data, {@code [id data]} with. */
  public static List<Object> eventVector(Event event) {
    return event.data() == null ? vector(event.id()) : vector(event.id(), event.data());
  }

  /**
   * Every wire vector is a {@link WireVector}, an unmodifiable view of its array: one object besides the array (a
   * wrapped {@code Arrays.asList} takes two), and one class, so a packer's calls on the frame's lists stay
   * monomorphic (with {@code List.of} for the events beside the wrapped arrays, edn and JSON packing were slower).
   */
  private static List<Object> vector(Object... items) {
    return new WireVector(items);
  }
}
