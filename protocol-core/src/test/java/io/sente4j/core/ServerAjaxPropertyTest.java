package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The Ajax bookkeeping under random sequences of handshakes, polls, pushes, POSTs, abandoned requests and clock
 * advances, for two uids that share one client id:
 *
 * <ul>
 *   <li>every GET and every POST is answered exactly once (or abandoned by its client), also across the stop;
 *   <li>each uid receives its pushes in send order, without duplicates, and every pushed event is either delivered
 *       or reported (nothing lost silently);
 *   <li>a push is dropped for its retry window only when no poll came for a whole window;
 *   <li>{@code connectedUids().ajax()} is exactly the uids with a parked poll or a poll ended less than the grace
 *       ago, and the uidport events alternate in step with it;
 *   <li>{@code metrics().openAjaxClients()} counts exactly the clients the server knows, and none after the stop;
 *   <li>once every request is answered or abandoned, the server holds none: all of {@code maxPendingAjaxRequests}
 *       can be held again, and not one more.
 * </ul>
 */
class ServerAjaxPropertyTest {
  private static final long GRACE_MS = 2000;
  private static final long WINDOW_MS = 3000;
  private static final List<String> UIDS = List.of("u0", "u1");
  private static final String CLIENT = "c";
  /** At least the steps of a run, each of which holds at most one more request: no step is refused for it. */
  private static final int MAX_PENDING = 50;
  private static final Pattern DROPPED = Pattern.compile("(\\d+) pushed event\\(s\\) dropped");

  /**
   * kind: 0 handshake, 1-2 poll (2 with the flag: one whose client went away before the server held it), 3-4
   * sendNow, 5 send, 6-7 advance, 8 abandon the uid's open GET, 9 POST.
   */
  private record Step(int kind, int uid, int millis, boolean flag) {}

  private static Gen<Step> steps() {
    return integers().between(0, 9).zip(integers().between(0, 1), integers().between(0, 4000), booleans().all(),
        Step::new);
  }

  private record Post(FakeHeld response, boolean wantsReply, boolean replies, long value) {}

  @Test
  void ajaxBookkeepingHoldsItsInvariants() {
    Qt.seeded(0xa7a5L).withExamples(Integer.getInteger("sente4j.qt.examples", 50))
        .forAll(lists().of(steps()).ofSizeBetween(1, 50))
        .checkAssert(this::run);
  }

  private void run(List<Step> steps) {
    try (ServerFixture f = new ServerFixture(b -> b.pingInterval(Duration.ofDays(1))
        .longPollTimeout(Duration.ofSeconds(5)).ajaxReplyTimeout(Duration.ofSeconds(1))
        .ajaxDisconnectGrace(Duration.ofMillis(GRACE_MS)).ajaxPushRetryWindow(Duration.ofMillis(WINDOW_MS))
        .ajaxMaxHeldEvents(4).maxPendingAjaxRequests(MAX_PENDING))) {
      f.onEvent = msg -> {
        if (msg.wantsReply() && ((Long) msg.data()) % 2 == 0) {
          msg.reply(msg.data());
        }
      };
      Map<String, List<FakeHeld>> gets = new HashMap<>();
      Map<String, List<FakeHeld>> polls = new HashMap<>();
      Map<String, List<Long>> pushed = new HashMap<>();
      Map<String, Long> lastPollAt = new HashMap<>();
      Map<String, Integer> dropped = new HashMap<>();
      Map<String, Integer> balance = new HashMap<>();
      List<Post> posts = new ArrayList<>();
      long next = 0;
      for (Step step : steps) {
        String uid = UIDS.get(step.uid());
        switch (step.kind()) {
          case 0:
            gets.computeIfAbsent(uid, k -> new ArrayList<>()).add(AjaxCalls.call(f,
                AjaxCalls.getRequest(uid, CLIENT, true)));
            break;
          case 1:
          case 2: {
            if (step.kind() == 2 && step.flag()) {
              ServerAnswer answer = f.server.handle(AjaxCalls.getRequest(uid, CLIENT, false));
              FakeHeld gone = new FakeHeld(f.time);
              gone.abandon();
              ((ServerAnswer.Hold) answer).onHeld().accept(gone); // its room must come back (checked at the end)
              break;
            }
            FakeHeld get = AjaxCalls.poll(f, uid, CLIENT);
            gets.computeIfAbsent(uid, k -> new ArrayList<>()).add(get);
            if (!get.isAnswered() || !(get.pollFrame() instanceof Frame.Handshake)) {
              polls.computeIfAbsent(uid, k -> new ArrayList<>()).add(get);
              lastPollAt.put(uid, f.time.nanoTime());
            }
            break;
          }
          case 3:
          case 4:
          case 5: {
            long n = next++;
            pushed.computeIfAbsent(uid, k -> new ArrayList<>()).add(n);
            if (step.kind() == 5) {
              f.server.send(uid, ServerFixture.ev("n/n", n));
            } else {
              f.server.sendNow(uid, ServerFixture.ev("n/n", n));
            }
            break;
          }
          case 6:
          case 7:
            f.time.advance(Duration.ofMillis(step.millis()));
            break;
          case 8:
            gets.getOrDefault(uid, List.of()).stream().filter(FakeHeld::isOpen).forEach(FakeHeld::abandon);
            break;
          default: {
            long value = next++;
            posts.add(new Post(AjaxCalls.post(f, uid, CLIENT, ServerFixture.ev("n/post", value), step.flag()),
                step.flag(), value % 2 == 0, value));
          }
        }
        f.idle();
        collectDrops(f, dropped, lastPollAt, step);
        checkDelivered(polls, pushed);
        checkPresence(f, polls, balance);
        checkOpenClients(f);
      }
      endEveryRequest(f, gets);
      collectDrops(f, dropped, lastPollAt, null);
      checkTheWholeRoomIsFree(f);
      f.server.stop();
      f.idle();
      collectDrops(f, dropped, lastPollAt, null);
      assertThat(f.server.metrics().openAjaxClients()).as("no Ajax client counted open after the stop").isZero();
      checkDelivered(polls, pushed);
      gets.values().forEach(list -> list.forEach(get -> {
        assertThat(get.isAnswered() || get.isAbandoned()).as("every GET answered or abandoned after the stop")
            .isTrue();
        assertThat(get.lateCompletions()).as("no GET answered twice").isZero();
      }));
      for (Post post : posts) {
        assertThat(post.response().lateCompletions()).as("no POST answered twice").isZero();
        Frame answer = post.response().postFrame();
        if (!post.wantsReply()) {
          assertThat(answer).isEqualTo(new Frame.AjaxAck());
        } else if (post.replies()) {
          assertThat(answer).isEqualTo(new Frame.AjaxReply(post.value()));
        } else {
          assertThat(answer).isEqualTo(new Frame.Timeout());
        }
      }
      for (String uid : UIDS) {
        int delivered = delivered(polls.getOrDefault(uid, List.of())).size();
        assertThat(delivered + dropped.getOrDefault(uid, 0)).as("pushes to %s delivered or reported", uid)
            .isEqualTo(pushed.getOrDefault(uid, List.of()).size());
      }
    }
  }

  /** The gauge of open Ajax clients against the clients the server knows (both uids use the one client id). */
  private static void checkOpenClients(ServerFixture f) {
    long known = UIDS.stream().filter(uid -> f.server.clientIds(uid).contains(CLIENT)).count();
    assertThat(f.server.metrics().openAjaxClients()).as("open Ajax clients").isEqualTo(known);
  }

  /** Abandons the GETs still open and lets the reply timeout answer the POSTs: the server holds no request now. */
  private static void endEveryRequest(ServerFixture f, Map<String, List<FakeHeld>> gets) {
    gets.values().forEach(list -> list.stream().filter(FakeHeld::isOpen).forEach(FakeHeld::abandon));
    f.time.advance(Duration.ofSeconds(1));
    f.idle();
  }

  /** With no request held, every one of {@code maxPendingAjaxRequests} can be held again, and not one more. */
  private static void checkTheWholeRoomIsFree(ServerFixture f) {
    for (int i = 0; i < MAX_PENDING; i++) { // POSTs whose odd value the handler does not reply to: held
      FakeHeld held = AjaxCalls.post(f, "u0", "room" + i, ServerFixture.ev("n/post", 2L * i + 1), true);
      assertThat(held.isAnswered()).as("POST %d of %d held", i + 1, MAX_PENDING).isFalse();
    }
    FakeHeld refused = AjaxCalls.post(f, "u0", "room", ServerFixture.ev("n/post", 1L), true);
    assertThat(refused.status()).as("one more than maxPendingAjaxRequests").isEqualTo(503);
    assertThat(ServerFixture.drain(f.errors)).as("the refusal, reported").singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo(ServerError.Kind.OVERFLOW));
  }

  /** Counts the reported drops; a drop for the retry window needs a whole window without a poll. */
  private static void collectDrops(ServerFixture f, Map<String, Integer> dropped, Map<String, Long> lastPollAt,
      Step step) {
    for (ServerError e : ServerFixture.drain(f.errors)) {
      assertThat(e.kind()).as("%s", e).isIn(ServerError.Kind.PUSH_DROPPED, ServerError.Kind.SEND_FAILED);
      Matcher m = DROPPED.matcher(e.message());
      assertThat(m.find()).as("the count in %s", e.message()).isTrue();
      dropped.merge((String) e.uid(), Integer.parseInt(m.group(1)), Integer::sum);
      if (e.message().contains("retry window")) {
        long sinceLastPoll = f.time.nanoTime() - lastPollAt.getOrDefault((String) e.uid(), Long.MIN_VALUE / 2);
        assertThat(sinceLastPoll).as("a window drop after %s needs %d ms without a poll", step, WINDOW_MS)
            .isGreaterThanOrEqualTo(Duration.ofMillis(WINDOW_MS).toNanos());
      }
    }
  }

  /** The events each uid received, in the order the polls were answered: a subsequence of its pushes. */
  private static void checkDelivered(Map<String, List<FakeHeld>> polls, Map<String, List<Long>> pushed) {
    for (String uid : UIDS) {
      List<Long> got = delivered(polls.getOrDefault(uid, List.of()));
      List<Long> sent = pushed.getOrDefault(uid, List.of());
      int i = 0;
      for (Long n : got) {
        while (i < sent.size() && !sent.get(i).equals(n)) {
          i++;
        }
        assertThat(i).as("%s received %s in send order without duplicates; sent %s", uid, got, sent)
            .isLessThan(sent.size());
        i++;
      }
    }
  }

  private static List<Long> delivered(List<FakeHeld> polls) {
    List<FakeHeld> answered = new ArrayList<>();
    polls.stream().filter(FakeHeld::isAnswered).forEach(answered::add);
    answered.sort(Comparator.comparingLong(FakeHeld::answerSequence));
    List<Long> got = new ArrayList<>();
    for (FakeHeld p : answered) {
      Frame frame = p.pollFrame();
      assertThat(frame).as("a poll is answered with a push or a timeout").isInstanceOfAny(Frame.Push.class,
          Frame.Timeout.class);
      if (frame instanceof Frame.Push push) {
        push.events().forEach(e -> got.add((Long) e.data()));
      }
    }
    return got;
  }

  /** Presence against the polls: connected while a poll is parked, and for the grace after the last one ended. */
  private static void checkPresence(ServerFixture f, Map<String, List<FakeHeld>> polls,
      Map<String, Integer> balance) {
    long now = f.time.nanoTime();
    Set<String> expected = new LinkedHashSet<>();
    polls.forEach((uid, list) -> {
      for (FakeHeld p : list) {
        if (p.isOpen() || now - p.endedAtNanos() < Duration.ofMillis(GRACE_MS).toNanos()) {
          expected.add(uid);
        }
      }
    });
    assertThat(f.server.connectedUids().ajax()).as("ajax at %d ms", now / 1_000_000).isEqualTo(expected);
    assertThat(f.server.connectedUids().any()).isEqualTo(expected);
    for (EventMessage m : ServerFixture.drain(f.presenceEvents)) {
      int b = balance.merge((String) m.data(), m.id().equals(Chsk.UIDPORT_OPEN) ? 1 : -1, Integer::sum);
      assertThat(b).as("uidport events of %s alternate, starting with open", m.data()).isBetween(0, 1);
    }
    Set<String> byEvents = new LinkedHashSet<>();
    balance.forEach((uid, b) -> {
      if (b == 1) {
        byEvents.add(uid);
      }
    });
    assertThat(byEvents).isEqualTo(expected);
  }
}
