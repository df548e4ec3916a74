package io.sente4j.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.sente4j.core.FrameException.Reason;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {
  private static final Direction CLIENT = Direction.FROM_CLIENT;
  private static final Direction SERVER = Direction.FROM_SERVER;
  private static final Via WS = Via.WEBSOCKET;
  private static final Via POLL = Via.AJAX_POLL;
  private static final Via POST = Via.AJAX_POST;

  private static final String CB = "3f9c2a";
  private static final Keyword REQ = Keyword.of("my-app", "some-req");
  private static final Keyword ALERT = Keyword.of("my-app", "alert");
  private static final Event REQUEST = Event.of(REQ, "Rich");
  private static final Map<Keyword, Long> RESULT = Map.of(Keyword.of("result"), 42L);

  /** Codecs for toWire/fromWire, which never pack. */
  private static final FrameCodec KEYWORDS = new FrameCodec(StubPacker.WITH_KEYWORDS);
  private static final FrameCodec STRINGS = new FrameCodec(StubPacker.WITHOUT_KEYWORDS);

  /** A vector that may hold nulls. */
  private static List<Object> v(Object... items) {
    return Collections.unmodifiableList(Arrays.asList(items));
  }

  private static Keyword kw(String text) {
    return Keyword.of(text);
  }

  private static void assertRejected(ThrowingCallable call, Reason reason, Direction from, Via via) {
    assertThatThrownBy(call).isInstanceOfSatisfying(FrameException.class, e -> {
      assertThat(e.reason()).as("reason of: %s", e.getMessage()).isEqualTo(reason);
      assertThat(e.direction()).isEqualTo(from);
      assertThat(e.via()).isEqualTo(via);
    });
  }

  private static void assertRejected(Object wire, Reason reason, Direction from, Via via) {
    assertRejected(() -> KEYWORDS.fromWire(wire, from, via), reason, from, via);
  }

  @Test
  void requiresPacker() {
    assertThatNullPointerException().isThrownBy(() -> new FrameCodec(null)).withMessage("packer");
    assertThat(new FrameCodec(ToyPacker.TEXT).packer()).isSameAs(ToyPacker.TEXT);
  }

  @Nested
  class ToWire {

    @Test
    void handshakeIsChskHandshakeWithUidNilAndData() {
      assertThat(FrameCodec.toWire(new Frame.Handshake("alice", RESULT)))
          .isEqualTo(v(v(Chsk.HANDSHAKE, v("alice", null, RESULT)), null));
    }

    @Test
    void handshakeWithoutDataStillHasThreeElements() {
      assertThat(FrameCodec.toWire(new Frame.Handshake("alice", null)))
          .isEqualTo(v(v(Chsk.HANDSHAKE, v("alice", null, null)), null));
    }

    @Test
    void handshakeWithoutUserWritesSenteNilUid() {
      assertThat(FrameCodec.toWire(new Frame.Handshake(null, null)))
          .isEqualTo(v(v(Chsk.HANDSHAKE, v(kw("sente/nil-uid"), null, null)), null));
      assertThat(FrameCodec.toWire(new Frame.Handshake(Chsk.LEGACY_NIL_UID, null)))
          .isEqualTo(v(v(Chsk.HANDSHAKE, v(kw("sente/nil-uid"), null, null)), null));
    }

    @Test
    void clientEventWithoutCallbackHasNil() {
      assertThat(FrameCodec.toWire(new Frame.ClientEvent(REQUEST, null))).isEqualTo(v(v(REQ, "Rich"), null));
    }

    @Test
    void clientEventWithCallbackCarriesIt() {
      assertThat(FrameCodec.toWire(new Frame.ClientEvent(REQUEST, CB))).isEqualTo(v(v(REQ, "Rich"), CB));
    }

    @Test
    void eventWithoutDataIsOneElementVector() {
      assertThat(FrameCodec.toWire(new Frame.ClientEvent(Event.of(REQ), CB))).isEqualTo(v(v(REQ), CB));
      assertThat(FrameCodec.eventVector(Event.of(REQ))).isEqualTo(v(REQ));
      assertThat(FrameCodec.eventVector(REQUEST)).isEqualTo(v(REQ, "Rich"));
    }

    @Test
    void ajaxEventWantingReplyCarriesAjaxMarker() {
      assertThat(FrameCodec.toWire(new Frame.AjaxEvent(REQUEST, true))).isEqualTo(v(v(REQ, "Rich"), kw("ajax")));
    }

    @Test
    void ajaxEventWithoutReplyHasNil() {
      assertThat(FrameCodec.toWire(new Frame.AjaxEvent(REQUEST, false))).isEqualTo(v(v(REQ, "Rich"), null));
    }

    @Test
    void replyIsValueAndCallbackId() {
      assertThat(FrameCodec.toWire(new Frame.Reply(RESULT, CB))).isEqualTo(v(RESULT, CB));
      assertThat(FrameCodec.toWire(new Frame.Reply(null, CB))).isEqualTo(v(null, CB));
    }

    @Test
    void ajaxReplyIsValueAndNil() {
      assertThat(FrameCodec.toWire(new Frame.AjaxReply(RESULT))).isEqualTo(v(RESULT, null));
      assertThat(FrameCodec.toWire(new Frame.AjaxReply(null))).isEqualTo(v(null, null));
    }

    @Test
    void pushIsVectorOfEventVectors() {
      Frame.Push push = Frame.Push.of(Event.of(ALERT, 1L), Event.of(ALERT, 2L), Event.of(ALERT));
      assertThat(FrameCodec.toWire(push)).isEqualTo(v(v(v(ALERT, 1L), v(ALERT, 2L), v(ALERT)), null));
    }

    @Test
    void emptyPushIsEmptyVector() {
      assertThat(FrameCodec.toWire(Frame.Push.of())).isEqualTo(v(v(), null));
    }

    @Test
    void serverPingIsBareKeyword() {
      assertThat(FrameCodec.toWire(new Frame.ServerPing())).isEqualTo(v(Chsk.WS_PING, null));
    }

    @Test
    void clientPingIsPingEventWithCallbackId() {
      assertThat(FrameCodec.toWire(new Frame.ClientPing(CB))).isEqualTo(v(v(Chsk.WS_PING), CB));
      assertThat(FrameCodec.toWire(new Frame.ClientPing(null))).isEqualTo(v(v(Chsk.WS_PING), null));
    }

    @Test
    void pongIsPongStringWithCallbackId() {
      assertThat(FrameCodec.toWire(new Frame.Pong(CB))).isEqualTo(v("pong", CB));
    }

    @Test
    void clientPongIsPongEvent() {
      assertThat(FrameCodec.toWire(new Frame.ClientPong())).isEqualTo(v(v(Chsk.WS_PONG), null));
    }

    @Test
    void ajaxAckIsDummyCb200() {
      assertThat(FrameCodec.toWire(new Frame.AjaxAck())).isEqualTo(v(kw("chsk/dummy-cb-200"), null));
    }

    @Test
    void timeoutIsChskTimeout() {
      assertThat(FrameCodec.toWire(new Frame.Timeout())).isEqualTo(v(kw("chsk/timeout"), null));
    }

    @Test
    void wireIsAlwaysAnUnmodifiableTwoElementVector() {
      Qt.seeded(0x2e1L).forAll(FrameCases.frames(FrameCases.richValues(), false))
          .checkAssert(c -> {
            List<Object> wire = FrameCodec.toWire(c.frame());
            assertThat(wire).hasSize(2);
            assertThatThrownBy(() -> wire.set(0, null)).isInstanceOf(UnsupportedOperationException.class);
          });
    }
  }

  /** Encoding with the toy packer gives exactly Sente 1.21's edn text (sente-wire-facts §2.4, without maps). */
  @Nested
  class Encode {

    static Stream<Arguments> sente121Forms() {
      return Stream.of(
          arguments(new Frame.ClientEvent(REQUEST, null), "[[:my-app/some-req \"Rich\"] nil]"),
          arguments(new Frame.ClientEvent(REQUEST, CB), "[[:my-app/some-req \"Rich\"] \"3f9c2a\"]"),
          arguments(new Frame.Reply(42L, CB), "[42 \"3f9c2a\"]"),
          arguments(Frame.Push.of(Event.of(ALERT, 1L), Event.of(ALERT, 2L)),
              "[[[:my-app/alert 1] [:my-app/alert 2]] nil]"),
          arguments(new Frame.Handshake("alice", null), "[[:chsk/handshake [\"alice\" nil nil]] nil]"),
          arguments(new Frame.Handshake(null, kw("pro")), "[[:chsk/handshake [:sente/nil-uid nil :pro]] nil]"),
          arguments(new Frame.ServerPing(), "[:chsk/ws-ping nil]"),
          arguments(new Frame.ClientPong(), "[[:chsk/ws-pong] nil]"),
          arguments(new Frame.ClientPing(CB), "[[:chsk/ws-ping] \"3f9c2a\"]"),
          arguments(new Frame.Pong(CB), "[\"pong\" \"3f9c2a\"]"),
          arguments(new Frame.AjaxEvent(REQUEST, true), "[[:my-app/some-req \"Rich\"] :ajax]"),
          arguments(new Frame.AjaxEvent(REQUEST, false), "[[:my-app/some-req \"Rich\"] nil]"),
          arguments(new Frame.AjaxReply(42L), "[42 nil]"),
          arguments(new Frame.AjaxAck(), "[:chsk/dummy-cb-200 nil]"),
          arguments(new Frame.Timeout(), "[:chsk/timeout nil]"));
    }

    @ParameterizedTest
    @MethodSource("sente121Forms")
    void writesSente121Form(Frame frame, String expected) {
      assertThat(new FrameCodec(ToyPacker.TEXT).encode(frame)).isEqualTo(Payload.text(expected));
    }

    @Test
    void binaryPackerWritesBinaryPayload() {
      assertThat(new FrameCodec(ToyPacker.BINARY).encode(new Frame.ServerPing()))
          .isEqualTo(Payload.binary(Bytes.wrap("[:chsk/ws-ping nil]".getBytes(UTF_8))));
    }

    @Test
    void packerWithoutKeywordsWritesProtocolKeywordsAsItWritesAnyKeyword() {
      FrameCodec codec = new FrameCodec(ToyPacker.TEXT_WITHOUT_KEYWORDS);
      assertThat(codec.encode(new Frame.ServerPing())).isEqualTo(Payload.text("[\"chsk/ws-ping\" nil]"));
      assertThat(codec.encode(new Frame.AjaxEvent(REQUEST, true)))
          .isEqualTo(Payload.text("[[\"my-app/some-req\" \"Rich\"] \"ajax\"]"));
    }

    @Test
    void valueOutsideThePackersDomainFailsWithThePackersException() {
      assertThatThrownBy(() -> new FrameCodec(ToyPacker.TEXT).encode(new Frame.Reply(1.5d, CB)))
          .isExactlyInstanceOf(PackerException.class)
          .hasMessage("toy: cannot pack a java.lang.Double");
    }

    @Test
    void aPackerThatReturnsNullFailsWithAPackerExceptionNamingIt() {
      // Regression: the null went on as the frame's payload and failed later, as a NullPointerException, wherever it
      // was first used (sizing a push, queueing a reply, answering a POST).
      assertThatThrownBy(() -> new FrameCodec(FaultyPacker.NULLING).encode(new Frame.Reply("nothing", CB)))
          .isExactlyInstanceOf(PackerException.class)
          .hasMessage("nulling: pack returned null for a REPLY frame; a packer must return a Payload or throw "
              + "PackerException (a bug in the packer)");
    }
  }

  @Nested
  class FromServerViaWebSocket {

    @Test
    void valueWithCallbackIdIsReply() {
      assertThat(KEYWORDS.fromWire(v(RESULT, CB), SERVER, WS)).isEqualTo(new Frame.Reply(RESULT, CB));
      assertThat(KEYWORDS.fromWire(v(null, CB), SERVER, WS)).isEqualTo(new Frame.Reply(null, CB));
    }

    @Test
    void protocolLookingValueWithCallbackIdIsStillReply() {
      assertThat(KEYWORDS.fromWire(v(Chsk.WS_PING, CB), SERVER, WS)).isEqualTo(new Frame.Reply(Chsk.WS_PING, CB));
      assertThat(KEYWORDS.fromWire(v(v(Chsk.HANDSHAKE, v("a", null)), CB), SERVER, WS))
          .isEqualTo(new Frame.Reply(v(Chsk.HANDSHAKE, v("a", null)), CB));
    }

    @Test
    void pongStringWithCallbackIdIsPong() {
      assertThat(KEYWORDS.fromWire(v("pong", CB), SERVER, WS)).isEqualTo(new Frame.Pong(CB));
    }

    @Test
    void nonStringCallbackIdIsRejected() {
      assertRejected(v(RESULT, 0L), Reason.BAD_CALLBACK_ID, SERVER, WS);
      assertRejected(v(RESULT, kw("ajax")), Reason.BAD_CALLBACK_ID, SERVER, WS);
      assertRejected(v("pong", false), Reason.BAD_CALLBACK_ID, SERVER, WS);
    }

    @Test
    void wsPingKeywordIsServerPing() {
      assertThat(KEYWORDS.fromWire(v(Chsk.WS_PING, null), SERVER, WS)).isEqualTo(new Frame.ServerPing());
      assertThat(KEYWORDS.fromWire(v(Chsk.WS_PING), SERVER, WS)).isEqualTo(new Frame.ServerPing());
    }

    @Test
    void handshakeWithThreeElements() {
      assertThat(KEYWORDS.fromWire(v(v(Chsk.HANDSHAKE, v("alice", null, RESULT)), null), SERVER, WS))
          .isEqualTo(new Frame.Handshake("alice", RESULT));
    }

    @Test
    void handshakeWithTwoElementsOfSente117HasNoData() {
      assertThat(KEYWORDS.fromWire(v(v(Chsk.HANDSHAKE, v("alice", null)), null), SERVER, WS))
          .isEqualTo(new Frame.Handshake("alice", null));
    }

    @Test
    void handshakeInOneElementFrame() {
      assertThat(KEYWORDS.fromWire(v(v(Chsk.HANDSHAKE, v("alice", null))), SERVER, WS))
          .isEqualTo(new Frame.Handshake("alice", null));
    }

    @Test
    void handshakeNilUidsReadAsNilUid() {
      assertThat(KEYWORDS.fromWire(v(v(Chsk.HANDSHAKE, v(Chsk.NIL_UID, null, null)), null), SERVER, WS))
          .isEqualTo(new Frame.Handshake(Chsk.NIL_UID, null));
      assertThat(KEYWORDS.fromWire(v(v(Chsk.HANDSHAKE, v(Chsk.LEGACY_NIL_UID, null)), null), SERVER, WS))
          .isEqualTo(new Frame.Handshake(Chsk.NIL_UID, null));
      assertThat(KEYWORDS.fromWire(v(v(Chsk.HANDSHAKE, v(null, null)), null), SERVER, WS))
          .isEqualTo(new Frame.Handshake(Chsk.NIL_UID, null));
    }

    @Test
    void handshakeIgnoresTheFormerCsrfSlot() {
      assertThat(KEYWORDS.fromWire(v(v(Chsk.HANDSHAKE, v("alice", "old-csrf-token", 1L)), null), SERVER, WS))
          .isEqualTo(new Frame.Handshake("alice", 1L));
    }

    @Test
    void handshakeWithBadDataIsUnexpected() {
      assertRejected(v(v(Chsk.HANDSHAKE), null), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
      assertRejected(v(v(Chsk.HANDSHAKE, "alice"), null), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
      assertRejected(v(v(Chsk.HANDSHAKE, v("alice")), null), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
      assertRejected(v(v(Chsk.HANDSHAKE, v("alice", null, 1L, 2L)), null), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
    }

    @Test
    void handshakeEventWithTooManyElementsIsBadEvent() {
      assertRejected(v(v(Chsk.HANDSHAKE, v("alice", null), "extra"), null), Reason.BAD_EVENT, SERVER, WS);
    }

    @Test
    void vectorOfEventsIsPush() {
      assertThat(KEYWORDS.fromWire(v(v(v(ALERT, 1L), v(ALERT, 2L), v(ALERT)), null), SERVER, WS))
          .isEqualTo(Frame.Push.of(Event.of(ALERT, 1L), Event.of(ALERT, 2L), Event.of(ALERT)));
    }

    @Test
    void pushInOneElementFrame() {
      assertThat(KEYWORDS.fromWire(v(v(v(ALERT, 1L))), SERVER, WS)).isEqualTo(Frame.Push.of(Event.of(ALERT, 1L)));
    }

    @Test
    void eventWithNilDataReadsAsEventWithoutData() {
      assertThat(KEYWORDS.fromWire(v(v(v(ALERT, null)), null), SERVER, WS)).isEqualTo(Frame.Push.of(Event.of(ALERT)));
    }

    @Test
    void emptyVectorIsEmptyPush() {
      assertThat(KEYWORDS.fromWire(v(v(), null), SERVER, WS)).isEqualTo(Frame.Push.of());
    }

    @Test
    void singleEventWhereBatchWasExpectedIsUnexpected() {
      assertRejected(v(v(ALERT, 1L), null), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
      assertRejected(v(v(Chsk.WS_PING), null), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
    }

    @Test
    void nonVectorWithoutCallbackIsUnexpected() {
      assertRejected(v("hello", null), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
      assertRejected(v(Chsk.TIMEOUT, null), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
      assertRejected(v(null, null), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
      assertRejected(v(RESULT, null), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
    }

    @Test
    void pushOfReservedEventIsRejected() {
      assertRejected(v(v(v(ALERT, 1L), v(Chsk.WS_PING)), null), Reason.RESERVED_EVENT, SERVER, WS);
    }

    @Test
    void pushOfNonEventsIsBadEvent() {
      assertRejected(v(v(v(ALERT, 1L), "x"), null), Reason.BAD_EVENT, SERVER, WS);
      assertRejected(v(v(v(ALERT, 1L), v()), null), Reason.BAD_EVENT, SERVER, WS);
      assertRejected(v(v(v(ALERT, 1L, 2L)), null), Reason.BAD_EVENT, SERVER, WS);
      assertRejected(v(v(v(kw("alert"), 1L)), null), Reason.BAD_EVENT, SERVER, WS);
      assertRejected(v(v(v("my-app/alert", 1L)), null), Reason.BAD_EVENT, SERVER, WS);
    }

    @Test
    void singleUnNamespacedEventIsBadEvent() {
      assertRejected(v(v(kw("alert"), 1L), null), Reason.BAD_EVENT, SERVER, WS);
    }
  }

  @Nested
  class FromServerViaAjaxPoll {

    @Test
    void readsHandshake() {
      assertThat(KEYWORDS.fromWire(v(v(Chsk.HANDSHAKE, v("alice", null, RESULT)), null), SERVER, POLL))
          .isEqualTo(new Frame.Handshake("alice", RESULT));
    }

    @Test
    void readsPush() {
      assertThat(KEYWORDS.fromWire(v(v(v(ALERT, 1L)), null), SERVER, POLL))
          .isEqualTo(Frame.Push.of(Event.of(ALERT, 1L)));
    }

    @Test
    void readsTimeout() {
      assertThat(KEYWORDS.fromWire(v(Chsk.TIMEOUT, null), SERVER, POLL)).isEqualTo(new Frame.Timeout());
      assertThat(KEYWORDS.fromWire(v(Chsk.TIMEOUT), SERVER, POLL)).isEqualTo(new Frame.Timeout());
    }

    @Test
    void pingIsNotSentInPoll() {
      assertRejected(v(Chsk.WS_PING, null), Reason.UNEXPECTED_PAYLOAD, SERVER, POLL);
    }

    @Test
    void ackIsNotSentInPoll() {
      assertRejected(v(Chsk.DUMMY_CB_200, null), Reason.UNEXPECTED_PAYLOAD, SERVER, POLL);
    }

    @Test
    void singleEventWhereBatchWasExpectedIsUnexpected() {
      assertRejected(v(v(ALERT, 1L), null), Reason.UNEXPECTED_PAYLOAD, SERVER, POLL);
    }

    @Test
    void pushOfReservedEventIsRejected() {
      assertRejected(v(v(v(Chsk.STATE, 1L)), null), Reason.RESERVED_EVENT, SERVER, POLL);
    }
  }

  @Nested
  class FromServerViaAjaxPost {

    @Test
    void dummyCb200IsAck() {
      assertThat(KEYWORDS.fromWire(v(Chsk.DUMMY_CB_200, null), SERVER, POST)).isEqualTo(new Frame.AjaxAck());
      assertThat(KEYWORDS.fromWire(v(Chsk.DUMMY_CB_200), SERVER, POST)).isEqualTo(new Frame.AjaxAck());
    }

    @Test
    void chskTimeoutIsTimeout() {
      assertThat(KEYWORDS.fromWire(v(Chsk.TIMEOUT, null), SERVER, POST)).isEqualTo(new Frame.Timeout());
    }

    @Test
    void anyOtherValueIsReply() {
      assertThat(KEYWORDS.fromWire(v(RESULT, null), SERVER, POST)).isEqualTo(new Frame.AjaxReply(RESULT));
      assertThat(KEYWORDS.fromWire(v(RESULT), SERVER, POST)).isEqualTo(new Frame.AjaxReply(RESULT));
      assertThat(KEYWORDS.fromWire(v(null, null), SERVER, POST)).isEqualTo(new Frame.AjaxReply(null));
      assertThat(KEYWORDS.fromWire(v("pong", null), SERVER, POST)).isEqualTo(new Frame.AjaxReply("pong"));
      assertThat(KEYWORDS.fromWire(v(Chsk.WS_PING, null), SERVER, POST)).isEqualTo(new Frame.AjaxReply(Chsk.WS_PING));
      assertThat(KEYWORDS.fromWire(v(v(v(ALERT, 1L)), null), SERVER, POST))
          .isEqualTo(new Frame.AjaxReply(v(v(ALERT, 1L))));
    }
  }

  @Nested
  class FromClientViaWebSocket {

    @Test
    void eventWithoutCallbackIsClientEvent() {
      assertThat(KEYWORDS.fromWire(v(v(REQ, "Rich"), null), CLIENT, WS))
          .isEqualTo(new Frame.ClientEvent(REQUEST, null));
    }

    @Test
    void eventWithCallbackWantsReply() {
      assertThat(KEYWORDS.fromWire(v(v(REQ, "Rich"), CB), CLIENT, WS)).isEqualTo(new Frame.ClientEvent(REQUEST, CB));
    }

    @Test
    void eventInOneElementFrameOfSente118() {
      assertThat(KEYWORDS.fromWire(v(v(REQ, "Rich")), CLIENT, WS)).isEqualTo(new Frame.ClientEvent(REQUEST, null));
    }

    @Test
    void eventWithoutData() {
      assertThat(KEYWORDS.fromWire(v(v(REQ), null), CLIENT, WS)).isEqualTo(new Frame.ClientEvent(Event.of(REQ), null));
    }

    @Test
    void pingEventIsClientPing() {
      assertThat(KEYWORDS.fromWire(v(v(Chsk.WS_PING), CB), CLIENT, WS)).isEqualTo(new Frame.ClientPing(CB));
    }

    @Test
    void pingWithoutCallbackOfSente117IsClientPing() {
      assertThat(KEYWORDS.fromWire(v(v(Chsk.WS_PING)), CLIENT, WS)).isEqualTo(new Frame.ClientPing(null));
      assertThat(KEYWORDS.fromWire(v(v(Chsk.WS_PING), null), CLIENT, WS)).isEqualTo(new Frame.ClientPing(null));
    }

    @Test
    void pongEventIsClientPong() {
      assertThat(KEYWORDS.fromWire(v(v(Chsk.WS_PONG), null), CLIENT, WS)).isEqualTo(new Frame.ClientPong());
      assertThat(KEYWORDS.fromWire(v(v(Chsk.WS_PONG)), CLIENT, WS)).isEqualTo(new Frame.ClientPong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chsk/handshake", "chsk/uidport-open", "chsk/state", "chsk/timeout", "chsk/anything"})
    void otherChskEventsAreReserved(String id) {
      assertRejected(v(v(kw(id), 1L), null), Reason.RESERVED_EVENT, CLIENT, WS);
      assertRejected(v(v(kw(id)), CB), Reason.RESERVED_EVENT, CLIENT, WS);
    }

    @Test
    void nonStringCallbackIdIsRejected() {
      assertRejected(v(v(REQ, "Rich"), 0L), Reason.BAD_CALLBACK_ID, CLIENT, WS);
      assertRejected(v(v(REQ, "Rich"), kw("ajax")), Reason.BAD_CALLBACK_ID, CLIENT, WS);
      assertRejected(v(v(Chsk.WS_PING), 7L), Reason.BAD_CALLBACK_ID, CLIENT, WS);
    }

    @Test
    void callbackIsCheckedBeforeTheReservedNamespaceAsPROTOCOLSaysInStep5() {
      assertRejected(v(v(Chsk.STATE), 5L), Reason.BAD_CALLBACK_ID, CLIENT, WS);
      assertThat(KEYWORDS.fromWire(v(v(Chsk.WS_PONG), 5L), CLIENT, WS)).isEqualTo(new Frame.ClientPong());
    }

    @Test
    void nonEventIsBadEvent() {
      assertRejected(v("hello", null), Reason.BAD_EVENT, CLIENT, WS);
      assertRejected(v(REQ, null), Reason.BAD_EVENT, CLIENT, WS);
      assertRejected(v(Chsk.WS_PING, null), Reason.BAD_EVENT, CLIENT, WS);
      assertRejected(v(null, null), Reason.BAD_EVENT, CLIENT, WS);
      assertRejected(v(v(), null), Reason.BAD_EVENT, CLIENT, WS);
    }

    @Test
    void eventOfWrongArityIsBadEvent() {
      assertRejected(v(v(REQ, 1L, 2L), null), Reason.BAD_EVENT, CLIENT, WS);
    }

    @Test
    void eventIdThatIsNotANamespacedKeywordIsBadEvent() {
      assertRejected(v(v(kw("some-req"), 1L), null), Reason.BAD_EVENT, CLIENT, WS);
      assertRejected(v(v("my-app/some-req", 1L), null), Reason.BAD_EVENT, CLIENT, WS);
      assertRejected(v(v(Symbol.of("my-app/some-req"), 1L), null), Reason.BAD_EVENT, CLIENT, WS);
      assertRejected(v(v(1L, 1L), null), Reason.BAD_EVENT, CLIENT, WS);
    }
  }

  @Nested
  class FromClientViaAjaxPost {

    static Stream<Object> truthyMarkers() {
      return Stream.of(kw("ajax"), 0L, "ajax", true, kw("ajax-cb"), "", 1L);
    }

    @ParameterizedTest
    @MethodSource("truthyMarkers")
    void truthyMarkerWantsReply(Object marker) {
      assertThat(KEYWORDS.fromWire(v(v(REQ, "Rich"), marker), CLIENT, POST))
          .isEqualTo(new Frame.AjaxEvent(REQUEST, true));
    }

    @Test
    void nilOrFalseMarkerWantsNoReply() {
      assertThat(KEYWORDS.fromWire(v(v(REQ, "Rich"), null), CLIENT, POST))
          .isEqualTo(new Frame.AjaxEvent(REQUEST, false));
      assertThat(KEYWORDS.fromWire(v(v(REQ, "Rich"), false), CLIENT, POST))
          .isEqualTo(new Frame.AjaxEvent(REQUEST, false));
      assertThat(KEYWORDS.fromWire(v(v(REQ, "Rich")), CLIENT, POST)).isEqualTo(new Frame.AjaxEvent(REQUEST, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chsk/ws-ping", "chsk/ws-pong", "chsk/handshake"})
    void chskEventsAreReserved(String id) {
      assertRejected(v(v(kw(id)), kw("ajax")), Reason.RESERVED_EVENT, CLIENT, POST);
    }

    @Test
    void nonEventIsBadEvent() {
      assertRejected(v(RESULT, kw("ajax")), Reason.BAD_EVENT, CLIENT, POST);
      assertRejected(v(v(kw("x"), 1L), null), Reason.BAD_EVENT, CLIENT, POST);
    }
  }

  @Nested
  class Exchanges {

    @Test
    void clientSendsNothingInAPoll() {
      assertThatIllegalArgumentException().isThrownBy(() -> KEYWORDS.fromWire(v(v(REQ), null), CLIENT, POLL))
          .withMessage("a client sends no frame in an Ajax poll; its events travel via AJAX_POST");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> new FrameCodec(ToyPacker.TEXT).decode(Payload.text("not even toy"), CLIENT, POLL));
    }

    @Test
    void requiresDirectionAndExchange() {
      assertThatNullPointerException().isThrownBy(() -> KEYWORDS.fromWire(v(Chsk.WS_PING, null), null, WS))
          .withMessage("from");
      assertThatNullPointerException().isThrownBy(() -> KEYWORDS.fromWire(v(Chsk.WS_PING, null), SERVER, null))
          .withMessage("via");
      assertThatNullPointerException()
          .isThrownBy(() -> new FrameCodec(ToyPacker.TEXT).decode(Payload.text("[:chsk/ws-ping nil]"), null, WS));
    }
  }

  @Nested
  class MalformedFrames {

    static Stream<Arguments> exchanges() {
      return Stream.of(arguments(CLIENT, WS), arguments(CLIENT, POST), arguments(SERVER, WS),
          arguments(SERVER, POLL), arguments(SERVER, POST));
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void nonVectorIsMalformed(Direction from, Via via) {
      assertRejected("[:chsk/ws-ping nil]", Reason.MALFORMED_FRAME, from, via);
      assertRejected((Object) null, Reason.MALFORMED_FRAME, from, via);
      assertRejected(Chsk.WS_PING, Reason.MALFORMED_FRAME, from, via);
      assertRejected(Map.of(Chsk.WS_PING, CB), Reason.MALFORMED_FRAME, from, via);
      assertRejected(java.util.Set.of(Chsk.WS_PING), Reason.MALFORMED_FRAME, from, via);
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void emptyVectorIsMalformed(Direction from, Via via) {
      assertRejected(v(), Reason.MALFORMED_FRAME, from, via);
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void threeElementVectorIsMalformed(Direction from, Via via) {
      assertRejected(v(v(REQ), CB, null), Reason.MALFORMED_FRAME, from, via);
    }

    @Test
    void messageSaysWhatWasExpectedAndShowsTheValue() {
      assertThatThrownBy(() -> KEYWORDS.fromWire(v(1L, 2L, 3L), CLIENT, WS))
          .hasMessage("bad frame from client via WEBSOCKET (MALFORMED_FRAME): expected a vector of 1 or 2 elements,"
              + " got 3: [1, 2, 3]");
      assertThatThrownBy(() -> KEYWORDS.fromWire("x", SERVER, POLL))
          .hasMessage("bad frame from server via AJAX_POLL (MALFORMED_FRAME): expected a vector [payload cb]: x");
    }

    @Test
    void offendingValueIsCutTo200Characters() {
      List<Object> huge = v("z".repeat(100_000), null, null);
      assertThatThrownBy(() -> KEYWORDS.fromWire(huge, SERVER, WS))
          .hasMessage("bad frame from server via WEBSOCKET (MALFORMED_FRAME): expected a vector of 1 or 2 elements,"
              + " got 3: [" + "z".repeat(199) + "...");
    }

    @Test
    void reservedEventMessageNamesTheId() {
      assertThatThrownBy(() -> KEYWORDS.fromWire(v(v(Chsk.STATE), null), CLIENT, WS))
          .hasMessage("bad frame from client via WEBSOCKET (RESERVED_EVENT): the chsk namespace is reserved for the"
              + " protocol: :chsk/state");
    }
  }

  /** JSON-like packers write keywords as strings; the protocol's keyword positions are read from strings. */
  @Nested
  class PackerWithoutKeywords {

    @ParameterizedTest
    @ValueSource(strings = {"my-app/some-req", ":my-app/some-req"})
    void readsEventIdFromString(String id) {
      assertThat(STRINGS.fromWire(v(v(id, "Rich"), CB), CLIENT, WS)).isEqualTo(new Frame.ClientEvent(REQUEST, CB));
      assertThat(STRINGS.fromWire(v(v(id, "Rich"), "ajax"), CLIENT, POST))
          .isEqualTo(new Frame.AjaxEvent(REQUEST, true));
      assertThat(STRINGS.fromWire(v(v(v(id, "Rich")), null), SERVER, WS)).isEqualTo(Frame.Push.of(REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chsk/ws-ping", ":chsk/ws-ping"})
    void readsPingFromString(String ping) {
      assertThat(STRINGS.fromWire(v(ping, null), SERVER, WS)).isEqualTo(new Frame.ServerPing());
      assertThat(STRINGS.fromWire(v(v(ping), CB), CLIENT, WS)).isEqualTo(new Frame.ClientPing(CB));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chsk/ws-pong", ":chsk/ws-pong"})
    void readsClientPongFromString(String pong) {
      assertThat(STRINGS.fromWire(v(v(pong), null), CLIENT, WS)).isEqualTo(new Frame.ClientPong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chsk/handshake", ":chsk/handshake"})
    void readsHandshakeFromString(String id) {
      assertThat(STRINGS.fromWire(v(v(id, v("alice", null, 1L)), null), SERVER, POLL))
          .isEqualTo(new Frame.Handshake("alice", 1L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sente/nil-uid", ":sente/nil-uid", "taoensso.sente/nil-uid", ":taoensso.sente/nil-uid"})
    void readsNilUidFromString(String uid) {
      assertThat(STRINGS.fromWire(v(v("chsk/handshake", v(uid, null, null)), null), SERVER, WS))
          .isEqualTo(new Frame.Handshake(Chsk.NIL_UID, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chsk/timeout", ":chsk/timeout"})
    void readsTimeoutFromString(String timeout) {
      assertThat(STRINGS.fromWire(v(timeout, null), SERVER, POLL)).isEqualTo(new Frame.Timeout());
      assertThat(STRINGS.fromWire(v(timeout, null), SERVER, POST)).isEqualTo(new Frame.Timeout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chsk/dummy-cb-200", ":chsk/dummy-cb-200"})
    void readsAckFromString(String ack) {
      assertThat(STRINGS.fromWire(v(ack, null), SERVER, POST)).isEqualTo(new Frame.AjaxAck());
    }

    @Test
    void stillReadsRealKeywords() {
      assertThat(STRINGS.fromWire(v(Chsk.WS_PING, null), SERVER, WS)).isEqualTo(new Frame.ServerPing());
      assertThat(STRINGS.fromWire(v(v(REQ, "Rich"), null), CLIENT, WS)).isEqualTo(new Frame.ClientEvent(REQUEST, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chsk/uidport-open", ":chsk/state"})
    void reservedIdsFromStringsAreReserved(String id) {
      assertRejected(() -> STRINGS.fromWire(v(v(id), null), CLIENT, WS), Reason.RESERVED_EVENT, CLIENT, WS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"some-req", ":some-req", "not a keyword", "::my-app/x", "my-app/", "/x", "", ":", "a/b/c"})
    void stringThatIsNoNamespacedKeywordIsBadEventId(String id) {
      assertRejected(() -> STRINGS.fromWire(v(v(id, 1L), null), CLIENT, WS), Reason.BAD_EVENT, CLIENT, WS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xchsk/ws-ping", "chsk/ws-pingx", "chsk/ws-pin", " chsk/ws-ping", "::chsk/ws-ping",
        "CHSK/WS-PING", "chsk/ws_ping"})
    void nearMissesOfPingAreNotPing(String almost) {
      assertRejected(() -> STRINGS.fromWire(v(almost, null), SERVER, WS), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
    }

    @Test
    void nearMissOfNilUidIsAnOrdinaryUid() {
      assertThat(STRINGS.fromWire(v(v("chsk/handshake", v("xsente/nil-uid", null)), null), SERVER, WS))
          .isEqualTo(new Frame.Handshake("xsente/nil-uid", null));
    }

    @Test
    void neverRewritesApplicationData() {
      assertThat(STRINGS.fromWire(v(v(REQ, "chsk/ws-ping"), ":sente/nil-uid"), CLIENT, WS))
          .isEqualTo(new Frame.ClientEvent(Event.of(REQ, "chsk/ws-ping"), ":sente/nil-uid"));
      assertThat(STRINGS.fromWire(v("chsk/ws-ping", CB), SERVER, WS)).isEqualTo(new Frame.Reply("chsk/ws-ping", CB));
      assertThat(STRINGS.fromWire(v(v("chsk/handshake", v("alice", null, "sente/nil-uid")), null), SERVER, WS))
          .isEqualTo(new Frame.Handshake("alice", "sente/nil-uid"));
      assertThat(STRINGS.fromWire(v(v(v(ALERT, v("my-app/x"))), null), SERVER, WS))
          .isEqualTo(Frame.Push.of(Event.of(ALERT, v("my-app/x"))));
    }
  }

  /** A packer that carries keywords keeps strings as strings, even where they spell a protocol keyword. */
  @Nested
  class PackerWithKeywords {

    @ParameterizedTest
    @ValueSource(strings = {"my-app/some-req", ":my-app/some-req"})
    void stringEventIdIsBadEvent(String id) {
      assertRejected(v(v(id, "Rich"), null), Reason.BAD_EVENT, CLIENT, WS);
      assertRejected(v(v(id, "Rich"), kw("ajax")), Reason.BAD_EVENT, CLIENT, POST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chsk/ws-ping", ":chsk/ws-ping"})
    void pingStringIsNoPing(String ping) {
      assertRejected(v(ping, null), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
      assertRejected(v(v(ping), CB), Reason.BAD_EVENT, CLIENT, WS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sente/nil-uid", ":sente/nil-uid", ":taoensso.sente/nil-uid"})
    void nilUidStringIsAnOrdinaryUid(String uid) {
      assertThat(KEYWORDS.fromWire(v(v(Chsk.HANDSHAKE, v(uid, null, null)), null), SERVER, WS))
          .isEqualTo(new Frame.Handshake(uid, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chsk/timeout", ":chsk/timeout"})
    void timeoutStringIsNoTimeout(String timeout) {
      assertRejected(v(timeout, null), Reason.UNEXPECTED_PAYLOAD, SERVER, POLL);
      assertThat(KEYWORDS.fromWire(v(timeout, null), SERVER, POST)).isEqualTo(new Frame.AjaxReply(timeout));
    }

    @Test
    void ackStringIsAnOrdinaryReply() {
      assertThat(KEYWORDS.fromWire(v("chsk/dummy-cb-200", null), SERVER, POST))
          .isEqualTo(new Frame.AjaxReply("chsk/dummy-cb-200"));
    }

    @Test
    void handshakeStringIsNoHandshake() {
      assertRejected(v(v("chsk/handshake", v("alice", null)), null), Reason.BAD_EVENT, SERVER, WS);
    }
  }

  @Nested
  class Decode {
    private final FrameCodec toy = new FrameCodec(ToyPacker.TEXT);

    /** Sente's older forms (spec/vectors/README.md, "Legacy cases"), in toy text. */
    static Stream<Arguments> legacyForms() {
      Frame.Push push = Frame.Push.of(Event.of(ALERT, 1L), Event.of(ALERT, 2L));
      return Stream.of(
          arguments("+[[:my-app/some-req \"Rich\"]]", CLIENT, WS, new Frame.ClientEvent(REQUEST, null)),
          arguments("+[[:my-app/some-req \"Rich\"] \"3f9c2a\"]", CLIENT, WS, new Frame.ClientEvent(REQUEST, CB)),
          arguments("+[42 \"3f9c2a\"]", SERVER, WS, new Frame.Reply(42L, CB)),
          arguments("+[[[:my-app/alert 1] [:my-app/alert 2]]]", SERVER, WS, push),
          arguments("+[[:chsk/handshake [\"alice\" nil]]]", SERVER, WS, new Frame.Handshake("alice", null)),
          arguments("+[[:chsk/handshake [:taoensso.sente/nil-uid nil]]]", SERVER, WS,
              new Frame.Handshake(Chsk.NIL_UID, null)),
          arguments("+[[:chsk/handshake [\"alice\" nil :pro]]]", SERVER, WS, new Frame.Handshake("alice", kw("pro"))),
          arguments("+[:chsk/ws-ping]", SERVER, WS, new Frame.ServerPing()),
          arguments("+[[:chsk/ws-ping]]", CLIENT, WS, new Frame.ClientPing(null)),
          arguments("+[[:my-app/some-req \"Rich\"] 0]", CLIENT, POST, new Frame.AjaxEvent(REQUEST, true)),
          arguments("+[[:my-app/some-req \"Rich\"]]", CLIENT, POST, new Frame.AjaxEvent(REQUEST, false)),
          arguments("+[42]", SERVER, POST, new Frame.AjaxReply(42L)),
          arguments("+[:chsk/dummy-cb-200]", SERVER, POST, new Frame.AjaxAck()),
          arguments("+[:chsk/timeout]", SERVER, POLL, new Frame.Timeout()),
          arguments("-[[:my-app/alert 1] [:my-app/alert 2]]", SERVER, WS, push),
          arguments("-[:chsk/handshake [\"alice\" nil]]", SERVER, WS, new Frame.Handshake("alice", null)),
          arguments("-[:my-app/some-req \"Rich\"]", CLIENT, WS, new Frame.ClientEvent(REQUEST, null)),
          arguments("-:chsk/ws-ping", SERVER, WS, new Frame.ServerPing()),
          arguments("[[:my-app/some-req \"Rich\"]]", CLIENT, WS, new Frame.ClientEvent(REQUEST, null)),
          arguments("[:chsk/ws-ping]", SERVER, WS, new Frame.ServerPing()),
          arguments("[[:chsk/ws-pong]]", CLIENT, WS, new Frame.ClientPong()),
          arguments("[[:my-app/some-req \"Rich\"] 0]", CLIENT, POST, new Frame.AjaxEvent(REQUEST, true)));
    }

    @ParameterizedTest
    @MethodSource("legacyForms")
    void readsLegacyForms(String text, Direction from, Via via, Frame expected) {
      assertThat(toy.decode(Payload.text(text), from, via)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("legacyForms")
    void readsLegacyFormsArrivingAsBinary(String text, Direction from, Via via, Frame expected) {
      assertThat(toy.decode(Payload.binary(Bytes.wrap(text.getBytes(UTF_8))), from, via)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("io.sente4j.core.FrameCodecTest$Encode#sente121Forms")
    void readsSente121Forms(Frame frame, String text) {
      Direction from = frame instanceof Frame.ClientEvent || frame instanceof Frame.AjaxEvent
          || frame instanceof Frame.ClientPing || frame instanceof Frame.ClientPong ? CLIENT : SERVER;
      Via via = frame instanceof Frame.AjaxEvent || frame instanceof Frame.AjaxReply
          || frame instanceof Frame.AjaxAck || frame instanceof Frame.Timeout ? POST : WS;
      assertThat(toy.decode(Payload.text(text), from, via)).isEqualTo(frame);
    }

    @Test
    void binaryPackerNeverStripsALegacyPrefix() {
      FrameCodec binary = new FrameCodec(ToyPacker.BINARY);
      Payload v2 = Payload.binary(Bytes.wrap("[:chsk/ws-ping nil]".getBytes(UTF_8)));
      assertThat(binary.decode(v2, SERVER, WS)).isEqualTo(new Frame.ServerPing());
      Payload prefixed = Payload.binary(Bytes.wrap("+[:chsk/ws-ping]".getBytes(UTF_8)));
      assertRejected(() -> binary.decode(prefixed, SERVER, WS), Reason.UNPACKABLE, SERVER, WS);
    }

    @Test
    void packerWithoutKeywordsReadsItsOwnStrings() {
      FrameCodec json = new FrameCodec(ToyPacker.TEXT_WITHOUT_KEYWORDS);
      assertThat(json.decode(Payload.text("[\"chsk/ws-ping\" nil]"), SERVER, WS)).isEqualTo(new Frame.ServerPing());
      assertThat(json.decode(Payload.text("+[[\"my-app/some-req\" \"Rich\"] 0]"), CLIENT, POST))
          .isEqualTo(new Frame.AjaxEvent(REQUEST, true));
    }

    @Test
    void unpackableInputIsWrappedWithThePackersException() {
      assertThatThrownBy(() -> toy.decode(Payload.text("[:chsk/ws-ping nil"), SERVER, WS))
          .isInstanceOfSatisfying(FrameException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNPACKABLE);
            assertThat(e.direction()).isEqualTo(SERVER);
            assertThat(e.via()).isEqualTo(WS);
            assertThat(e.getCause()).isInstanceOf(PackerException.class);
            assertThat(((PackerException) e.getCause()).offset()).isEqualTo(18);
          })
          .hasMessage("bad frame from server via WEBSOCKET (UNPACKABLE): toy: unexpected end of input"
              + " at offset 18 (line 1, column 19)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "-", "+-[]", "++[:chsk/ws-ping]", "+ [:chsk/ws-ping]", "[:chsk/ws-ping nil] "})
    void malformedTextIsUnpackable(String text) {
      assertRejected(() -> toy.decode(Payload.text(text), CLIENT, POST), Reason.UNPACKABLE, CLIENT, POST);
    }

    @Test
    void prefixedPayloadThatIsNoFrameIsRejectedAsSuch() {
      assertRejected(() -> toy.decode(Payload.text("+[1 2 3]"), SERVER, WS), Reason.MALFORMED_FRAME, SERVER, WS);
      assertRejected(() -> toy.decode(Payload.text("-[:nope 1]"), CLIENT, WS), Reason.BAD_EVENT, CLIENT, WS);
      assertRejected(() -> toy.decode(Payload.text("-[:a/b 1]"), SERVER, WS), Reason.UNEXPECTED_PAYLOAD, SERVER, WS);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void unpackedValueThatIsNoFrameIsRejected(Via via) {
      assertRejected(() -> toy.decode(Payload.text("\"hello\""), SERVER, via), Reason.MALFORMED_FRAME, SERVER, via);
    }
  }

  @Nested
  class Properties {

    @Test
    void fromWireInvertsToWire() {
      Qt.seeded(0x5e17eL).forAll(FrameCases.frames(FrameCases.richValues(), false))
          .checkAssert(c -> assertThat(KEYWORDS.fromWire(FrameCodec.toWire(c.frame()), c.from(), c.via()))
              .isEqualTo(c.frame()));
    }

    @Test
    void fromWireInvertsToWireWhenKeywordsArriveAsStrings() {
      Qt.seeded(0x15011L)
          .forAll(FrameCases.frames(FrameCases.toyValues(false), true), org.quicktheories.generators.Generate.booleans())
          .checkAssert((c, colon) -> {
            Object wire = FrameCases.keywordsToStrings(FrameCodec.toWire(c.frame()), colon);
            assertThat(STRINGS.fromWire(wire, c.from(), c.via())).isEqualTo(c.frame());
          });
    }

    @Test
    void oneElementFrameReadsLikeTwoElementFrameWithNil() {
      Qt.seeded(0x1e1L).forAll(FrameCases.frames(FrameCases.richValues(), false))
          .assuming(c -> FrameCodec.toWire(c.frame()).get(1) == null)
          .checkAssert(c -> {
            List<Object> wire = FrameCodec.toWire(c.frame());
            assertThat(KEYWORDS.fromWire(Collections.singletonList(wire.get(0)), c.from(), c.via())).isEqualTo(c.frame());
          });
    }

    @Test
    void decodeInvertsEncodeForTextPacker() {
      roundTrips(ToyPacker.TEXT, FrameCases.toyValues(true), false, 0xd0c0deL);
    }

    @Test
    void decodeInvertsEncodeForBinaryPacker() {
      roundTrips(ToyPacker.BINARY, FrameCases.toyValues(true), false, 0xb1a7L);
    }

    @Test
    void decodeInvertsEncodeForPackerWithoutKeywords() {
      roundTrips(ToyPacker.TEXT_WITHOUT_KEYWORDS, FrameCases.toyValues(false), true, 0x150aL);
    }

    private void roundTrips(ToyPacker packer, org.quicktheories.core.Gen<Object> values, boolean asStrings,
        long seed) {
      FrameCodec codec = new FrameCodec(packer);
      Qt.seeded(seed).forAll(FrameCases.frames(values, asStrings))
          .checkAssert(c -> {
            Payload payload = codec.encode(c.frame());
            assertThat(payload.isText()).isEqualTo(!packer.isBinary());
            assertThat(codec.decode(payload, c.from(), c.via())).isEqualTo(c.frame());
          });
    }

    @Test
    void sente117PlusFormReadsLikeCurrentForm() {
      FrameCodec toy = new FrameCodec(ToyPacker.TEXT);
      Qt.seeded(0x117L).forAll(FrameCases.frames(FrameCases.toyValues(true), false))
          .checkAssert(c -> {
            String current = toy.encode(c.frame()).asText();
            assertThat(toy.decode(Payload.text("+" + current), c.from(), c.via())).isEqualTo(c.frame());
          });
    }

    @Test
    void sente116MinusFormReadsLikeCurrentFormWithoutCallback() {
      FrameCodec toy = new FrameCodec(ToyPacker.TEXT);
      Qt.seeded(0x116L).forAll(FrameCases.frames(FrameCases.toyValues(true), false))
          .assuming(c -> FrameCodec.toWire(c.frame()).get(1) == null)
          .checkAssert(c -> {
            String bare = ToyPacker.TEXT.write(FrameCodec.toWire(c.frame()).get(0));
            assertThat(toy.decode(Payload.text("-" + bare), c.from(), c.via())).isEqualTo(c.frame());
          });
    }
  }
}
