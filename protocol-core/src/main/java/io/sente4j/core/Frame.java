package io.sente4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One protocol message, typed. On the wire every frame is the packed vector {@code [payload cb]}; {@link FrameCodec}
 * converts between the two. The kinds, with their wire values (edn notation):
 *
 * <table>
 *   <caption>Frame kinds</caption>
 *   <tr><th>kind</th><th>sent by, via</th><th>wire value</th></tr>
 *   <tr><td>{@link Handshake}</td><td>server, WebSocket or poll</td><td>{@code [[:chsk/handshake [uid nil data]] nil]}</td></tr>
 *   <tr><td>{@link ClientEvent}</td><td>client, WebSocket</td><td>{@code [[:ns/id data] cb-or-nil]}</td></tr>
 *   <tr><td>{@link AjaxEvent}</td><td>client, POST</td><td>{@code [[:ns/id data] :ajax-or-nil]}</td></tr>
 *   <tr><td>{@link Reply}</td><td>server, WebSocket</td><td>{@code [value cb]}</td></tr>
 *   <tr><td>{@link AjaxReply}</td><td>server, POST response</td><td>{@code [value nil]}</td></tr>
 *   <tr><td>{@link Push}</td><td>server, WebSocket or poll</td><td>{@code [[[:ns/a 1] [:ns/b 2]] nil]}</td></tr>
 *   <tr><td>{@link ServerPing}</td><td>server, WebSocket</td><td>{@code [:chsk/ws-ping nil]}</td></tr>
 *   <tr><td>{@link ClientPing}</td><td>client, WebSocket</td><td>{@code [[:chsk/ws-ping] cb]}</td></tr>
 *   <tr><td>{@link Pong}</td><td>server, WebSocket</td><td>{@code ["pong" cb]}</td></tr>
 *   <tr><td>{@link ClientPong}</td><td>client, WebSocket</td><td>{@code [[:chsk/ws-pong] nil]}</td></tr>
 *   <tr><td>{@link AjaxAck}</td><td>server, POST response</td><td>{@code [:chsk/dummy-cb-200 nil]}</td></tr>
 *   <tr><td>{@link Timeout}</td><td>server, poll or POST response</td><td>{@code [:chsk/timeout nil]}</td></tr>
 * </table>
 */
public sealed interface Frame {

  /** The kind of a frame, for {@code switch} statements. */
  enum Kind {
    /** {@link Handshake}. */
    HANDSHAKE,
    /** {@link ClientEvent}. */
    CLIENT_EVENT,
    /** {@link AjaxEvent}. */
    AJAX_EVENT,
    /** {@link Reply}. */
    REPLY,
    /** {@link AjaxReply}. */
    AJAX_REPLY,
    /** {@link Push}. */
    PUSH,
    /** {@link ServerPing}. */
    SERVER_PING,
    /** {@link ClientPing}. */
    CLIENT_PING,
    /** {@link Pong}. */
    PONG,
    /** {@link ClientPong}. */
    CLIENT_PONG,
    /** {@link AjaxAck}. */
    AJAX_ACK,
    /** {@link Timeout}. */
    TIMEOUT
  }

  /** This frame's kind. */
  Kind kind();

  /**
   * The server's first message on a connection: who the user is, and application data.
   *
   * @param uid the user id; {@link Chsk#NIL_UID} when the server does not know the user
   * @param handshakeData data from the server's handshake-data function, or {@code null}
   */
  record Handshake(Object uid, Object handshakeData) implements Frame {
    /** Maps a {@code null} uid to {@link Chsk#NIL_UID}. */
    public Handshake {
      if (uid == null || Chsk.LEGACY_NIL_UID.equals(uid)) {
        uid = Chsk.NIL_UID;
      }
    }

    /** Whether the server knows the user (the uid is not {@link Chsk#NIL_UID}). */
    public boolean hasUid() {
      return !Chsk.NIL_UID.equals(uid);
    }

    @Override
    public Kind kind() {
      return Kind.HANDSHAKE;
    }
  }

  /**
   * An application event sent by a client over a WebSocket.
   *
   * @param event the event; never in the {@code chsk} namespace
   * @param callbackId the id the reply must carry (Sente uses 6 characters), or {@code null} when no reply is wanted
   */
  record ClientEvent(Event event, String callbackId) implements Frame {
    /** Checks the event is present and not reserved. */
    public ClientEvent {
      requireApplicationEvent(event);
    }

    /** Whether the client waits for a reply. */
    public boolean wantsReply() {
      return callbackId != null;
    }

    @Override
    public Kind kind() {
      return Kind.CLIENT_EVENT;
    }
  }

  /**
   * An application event sent by a client as an Ajax POST. The POST's response carries the reply.
   *
   * @param event the event; never in the {@code chsk} namespace
   * @param wantsReply whether the client waits for a reply (the {@code :ajax} marker in the callback slot)
   */
  record AjaxEvent(Event event, boolean wantsReply) implements Frame {
    /** Checks the event is present and not reserved. */
    public AjaxEvent {
      requireApplicationEvent(event);
    }

    @Override
    public Kind kind() {
      return Kind.AJAX_EVENT;
    }
  }

  /**
   * The server's reply to a {@link ClientEvent}, over the WebSocket.
   *
   * @param value the reply, any value of the data model
   * @param callbackId the event's callback id
   */
  record Reply(Object value, String callbackId) implements Frame {
    /** Checks the callback id is present. */
    public Reply {
      Objects.requireNonNull(callbackId, "callbackId");
    }

    @Override
    public Kind kind() {
      return Kind.REPLY;
    }
  }

  /**
   * The server's reply to an {@link AjaxEvent}: the body of the POST's response.
   *
   * @param value the reply, any value of the data model
   */
  record AjaxReply(Object value) implements Frame {
    @Override
    public Kind kind() {
      return Kind.AJAX_REPLY;
    }
  }

  /**
   * A batch of events the server pushes to a user, in send order.
   *
   * @param events the events; never in the {@code chsk} namespace
   */
  record Push(List<Event> events) implements Frame {
    /** Copies the events into an unmodifiable list and checks none is reserved. */
    public Push {
      List<Event> copy = new ArrayList<>(events.size());
      for (Event e : events) {
        copy.add(requireApplicationEvent(e));
      }
      events = Collections.unmodifiableList(copy);
    }

    /** A batch of the given events. */
    public static Push of(Event... events) {
      return new Push(List.of(events));
    }

    @Override
    public Kind kind() {
      return Kind.PUSH;
    }
  }

  /** The server's keep-alive ping; the client answers with a {@link ClientPong}. */
  record ServerPing() implements Frame {
    @Override
    public Kind kind() {
      return Kind.SERVER_PING;
    }
  }

  /**
   * A client's keep-alive ping; the server answers with a {@link Pong} carrying the same callback id.
   *
   * @param callbackId the callback id, or {@code null} from a Sente 1.17 client, which expects no answer
   */
  record ClientPing(String callbackId) implements Frame {
    @Override
    public Kind kind() {
      return Kind.CLIENT_PING;
    }
  }

  /**
   * The server's answer to a {@link ClientPing}: a reply whose value is {@code "pong"}. A client that sent no ping
   * under this callback id treats it as an ordinary {@link Reply} of {@code "pong"}.
   *
   * @param callbackId the ping's callback id
   */
  record Pong(String callbackId) implements Frame {
    /** Checks the callback id is present. */
    public Pong {
      Objects.requireNonNull(callbackId, "callbackId");
    }

    /** The same frame seen as a reply of {@code "pong"}. */
    public Reply asReply() {
      return new Reply(Chsk.PONG, callbackId);
    }

    @Override
    public Kind kind() {
      return Kind.PONG;
    }
  }

  /** A client's answer to a {@link ServerPing}. */
  record ClientPong() implements Frame {
    @Override
    public Kind kind() {
      return Kind.CLIENT_PONG;
    }
  }

  /** The response to an Ajax POST that asked for no reply, sent at once. */
  record AjaxAck() implements Frame {
    @Override
    public Kind kind() {
      return Kind.AJAX_ACK;
    }
  }

  /**
   * {@code :chsk/timeout}: a long-poll that ended without a push (the client polls again at once), or, as the
   * response to an Ajax POST, a reply that the server's handler did not give in time.
   */
  record Timeout() implements Frame {
    @Override
    public Kind kind() {
      return Kind.TIMEOUT;
    }
  }

  private static Event requireApplicationEvent(Event event) {
    Objects.requireNonNull(event, "event");
    if (event.isReserved()) {
      throw new IllegalArgumentException("event id " + event.id()
          + " is in the reserved chsk namespace; use a ping/pong frame or an application namespace");
    }
    return event;
  }
}
