package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ajax requests for server tests: builds them as a transport would, hands them to a {@link ServerFixture}'s server
 * and returns the client's end of the exchange once the handler executor is quiet. The uid travels in the {@code
 * uid} query parameter, as in {@link ServerFixture}.
 */
final class AjaxCalls {
  private AjaxCalls() {}

  static ServerRequest getRequest(String uid, String clientId, boolean handshake) {
    ServerRequest.Builder b = ServerRequest.builder("GET", "/chsk").queryParam("client-id", clientId)
        .queryParam("udt", "1767225600000");
    if (handshake) {
      b.queryParam("handshake?", "1");
    }
    if (uid != null) {
      b.queryParam("uid", uid);
    }
    return b.build();
  }

  static ServerRequest postRequest(String uid, String clientId, String ppstr) {
    ServerRequest.Builder b = ServerRequest.builder("POST", "/chsk")
        .header("content-type", "application/x-www-form-urlencoded")
        .formParam("udt", "1767225601000").formParam("client-id", clientId).formParam("ppstr", ppstr);
    if (uid != null) {
      b.queryParam("uid", uid);
    }
    return b.build();
  }

  /** Hands a request to the server and returns its response, waiting until the handler executor is quiet. */
  static FakeHeld call(ServerFixture f, ServerRequest request) {
    FakeHeld held = hold(f, request);
    f.idle();
    return held;
  }

  /**
   * Hands a request to the server as a transport would and returns its response, without waiting for the handler
   * executor (a handler may be blocked, or other threads racing this one).
   */
  static FakeHeld hold(ServerFixture f, ServerRequest request) {
    FakeHeld held = new FakeHeld(f.time);
    ServerAnswer answer = f.server.handle(request);
    if (answer instanceof ServerAnswer.Hold h) {
      h.onHeld().accept(held);
    } else if (answer instanceof ServerAnswer.Respond r) {
      held.complete(r.status(), r.body());
    } else if (answer instanceof ServerAnswer.Reject r) {
      held.complete(r.status(), Payload.text(r.body()));
    } else {
      throw new AssertionError("unexpected answer to an Ajax request: " + answer);
    }
    return held;
  }

  /** An Ajax handshake, checked. */
  static Frame.Handshake handshake(ServerFixture f, String uid, String clientId) {
    FakeHeld held = call(f, getRequest(uid, clientId, true));
    Frame frame = held.pollFrame();
    assertThat(frame).isInstanceOf(Frame.Handshake.class);
    return (Frame.Handshake) frame;
  }

  /** A GET without {@code handshake?}: a poll if the client has a connection. */
  static FakeHeld poll(ServerFixture f, String uid, String clientId) {
    return call(f, getRequest(uid, clientId, false));
  }

  /** A POST of an event, packed as the frame {@code [event marker]}. */
  static FakeHeld post(ServerFixture f, String uid, String clientId, Event event, boolean wantsReply) {
    String ppstr = FakeChannel.CODEC.encode(new Frame.AjaxEvent(event, wantsReply)).asText();
    return call(f, postRequest(uid, clientId, ppstr));
  }
}
