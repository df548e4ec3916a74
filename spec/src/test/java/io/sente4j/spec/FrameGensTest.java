package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Chsk;
import io.sente4j.core.Frame;
import io.sente4j.core.Keyword;
import io.sente4j.core.Via;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** FrameGens reaches every kind of frame and every kind of user id, and leaves out exactly the ambiguous frames. */
class FrameGensTest {
  private static final int N = 2000;
  private static final List<GoldenFrames.Case> CAUTIOUS =
      Draws.of(FrameGens.frames(DataModelGens.all().withMaxDepth(1).values()), N);

  @Test
  void coversEveryFrameKindInEveryExchangeItTravelsIn() {
    Set<Frame.Kind> kinds = CAUTIOUS.stream().map(c -> c.frame().kind()).collect(Collectors.toSet());
    assertThat(kinds).isEqualTo(EnumSet.allOf(Frame.Kind.class));
    assertThat(CAUTIOUS).as("a timeout as the response to a POST")
        .anyMatch(c -> c.frame() instanceof Frame.Timeout && c.via() == Via.AJAX_POST);
    assertThat(CAUTIOUS).as("a timeout as the response to a poll")
        .anyMatch(c -> c.frame() instanceof Frame.Timeout && c.via() == Via.AJAX_POLL);
    assertThat(CAUTIOUS).as("a handshake in either exchange").anyMatch(c -> isHandshake(c, Via.WEBSOCKET))
        .anyMatch(c -> isHandshake(c, Via.AJAX_POLL));
  }

  @Test
  void userIdsAreStringsKeywordsNumbersAndTheNilUid() {
    List<Object> uids = CAUTIOUS.stream().filter(c -> c.frame() instanceof Frame.Handshake)
        .map(c -> ((Frame.Handshake) c.frame()).uid()).collect(Collectors.toList());
    assertThat(uids).anyMatch(String.class::isInstance).anyMatch(Long.class::isInstance)
        .anyMatch(u -> u instanceof Keyword && !u.equals(Chsk.NIL_UID)).anyMatch(Chsk.NIL_UID::equals);
  }

  @Test
  void leavesOutTheAmbiguousFramesAndOnlyThose() {
    assertThat(CAUTIOUS).noneMatch(c -> FrameAmbiguity.isAmbiguous(c.frame(), false));
    List<GoldenFrames.Case> withKeywords = Draws.of(FrameGens.frames(DataModelGens.all().withMaxDepth(1).values(),
        true), N);
    assertThat(withKeywords).noneMatch(c -> FrameAmbiguity.isAmbiguous(c.frame(), true));
    // For a packer with keywords, strings that only look like the protocol's values are ordinary values.
    assertThat(withKeywords).as("an Ajax reply or a uid of the string \"chsk/timeout\", \"sente/nil-uid\" or the like")
        .anyMatch(c -> FrameAmbiguity.isAmbiguous(c.frame(), false));
    assertThat(CAUTIOUS).as("lookalikes that are never ambiguous, such as \"xchsk/timeout\"")
        .anyMatch(c -> c.frame() instanceof Frame.AjaxReply && ((Frame.AjaxReply) c.frame()).value() instanceof String
            && ((String) ((Frame.AjaxReply) c.frame()).value()).contains("chsk/"));
  }

  private static boolean isHandshake(GoldenFrames.Case c, Via via) {
    return c.frame() instanceof Frame.Handshake && c.via() == via;
  }
}
