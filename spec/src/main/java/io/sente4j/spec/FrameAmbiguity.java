package io.sente4j.spec;

import io.sente4j.core.Chsk;
import io.sente4j.core.Frame;
import io.sente4j.core.Keyword;

/**
 * The one rule for frames the protocol cannot tell apart from its own, and so do not round trip by design
 * (PROTOCOL.md §4.6 and §4.7). Exactly these:
 *
 * <ul>
 *   <li>a {@link Frame.Reply} whose value is the string {@code "pong"}: it reads as a {@link Frame.Pong};
 *   <li>a {@link Frame.AjaxReply} whose value stands for {@code :chsk/timeout} or {@code :chsk/dummy-cb-200}: it
 *       reads as a {@link Frame.Timeout} or an {@link Frame.AjaxAck};
 *   <li>a {@link Frame.Handshake} whose user id stands for {@code :sente/nil-uid} or {@code :taoensso.sente/nil-uid}
 *       without being the keyword: it reads as a handshake without a user. (Only a packer without keywords meets
 *       this; the keywords themselves are the nil uid on every packer.)
 * </ul>
 *
 * <p>A value <em>stands for</em> a keyword when it is that keyword or, for a packer that does not carry keywords,
 * the keyword's qualified name with or without one leading colon: {@code "chsk/timeout"} or {@code ":chsk/timeout"},
 * and nothing else ({@code "xchsk/timeout"} is an ordinary string).
 *
 * <p>Ask about a frame as the reader will see it, that is with its values normalised by the packer's domain: over
 * JSON the symbol {@code chsk/timeout} is written as the string {@code "chsk/timeout"} and so is ambiguous too.
 */
public final class FrameAmbiguity {
  private FrameAmbiguity() {}

  /**
   * Whether reading {@code frame}'s wire form gives another frame by design.
   *
   * @param frame the frame, with its values as the reader sees them (normalised by the packer's domain)
   * @param carriesKeywords whether the packer carries keywords ({@code false} is the cautious answer: every frame
   *     ambiguous for a packer with keywords is ambiguous for one without)
   */
  public static boolean isAmbiguous(Frame frame, boolean carriesKeywords) {
    switch (frame.kind()) {
      case REPLY:
        return Chsk.PONG.equals(((Frame.Reply) frame).value());
      case AJAX_REPLY: {
        Object value = ((Frame.AjaxReply) frame).value();
        return standsFor(value, Chsk.TIMEOUT, carriesKeywords) || standsFor(value, Chsk.DUMMY_CB_200, carriesKeywords);
      }
      case HANDSHAKE: {
        Frame.Handshake h = (Frame.Handshake) frame;
        return h.hasUid() && (standsFor(h.uid(), Chsk.NIL_UID, carriesKeywords)
            || standsFor(h.uid(), Chsk.LEGACY_NIL_UID, carriesKeywords));
      }
      default:
        return false;
    }
  }

  /**
   * Whether {@code value}, in one of the protocol's keyword positions, stands for {@code keyword}: it is the keyword,
   * or, when the packer does not carry keywords, a string of its qualified name with or without a leading colon.
   */
  public static boolean standsFor(Object value, Keyword keyword, boolean carriesKeywords) {
    if (keyword.equals(value)) {
      return true;
    }
    if (carriesKeywords || !(value instanceof String)) {
      return false;
    }
    String s = (String) value;
    return s.equals(keyword.qualifiedName()) || s.equals(keyword.toString());
  }
}
