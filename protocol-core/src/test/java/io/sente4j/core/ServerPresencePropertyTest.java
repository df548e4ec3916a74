package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Presence against a model: a uid is in {@code any} exactly while it has an open connection or one that closed less
 * than the grace ago, and its uidport events alternate open, close, open, ... in step with that.
 */
class ServerPresencePropertyTest {
  private static final long GRACE_MS = 2500;
  private static final List<String> UIDS = List.of("u0", "u1", "u2");
  private static final List<String> CLIENTS = List.of("c0", "c1");

  /** One step: 0 = open (uid, client), 1 = close the n-th open connection, 2 = advance by a few milliseconds. */
  private record Step(int kind, int a, int b, int millis) {}

  private static Gen<Step> steps() {
    return integers().between(0, 2).zip(integers().between(0, 5), integers().between(0, 1),
        integers().between(0, 3200), (kind, a, b, ms) -> new Step(kind, a, b, ms));
  }

  private static final class Model {
    final Map<String, Integer> openPerKey = new HashMap<>(); // "uid/client" -> open connections (0 or 1)
    final Map<String, Long> closedAt = new HashMap<>();      // "uid/client" -> time of its last close
    long now;

    Set<String> any() {
      Set<String> any = new LinkedHashSet<>();
      openPerKey.forEach((k, n) -> {
        if (n > 0) {
          any.add(k.substring(0, k.indexOf('/')));
        }
      });
      closedAt.forEach((k, t) -> {
        if (now - t < GRACE_MS) {
          any.add(k.substring(0, k.indexOf('/')));
        }
      });
      return any;
    }
  }

  @Test
  void presenceFollowsTheModel() {
    Qt.seeded(0x9e5e7cL).withExamples(Integer.getInteger("sente4j.qt.examples", 60)).forAll(lists().of(steps()).ofSizeBetween(1, 40))
        .checkAssert(this::run);
  }

  private void run(List<Step> steps) {
    try (ServerFixture f = new ServerFixture(b -> b.pingInterval(Duration.ofDays(1)))) {
      Model model = new Model();
      List<FakeChannel> open = new ArrayList<>();
      List<String> openKeys = new ArrayList<>();
      Map<String, Integer> balance = new HashMap<>(); // uidport opens minus closes, per uid
      for (Step step : steps) {
        switch (step.kind()) {
          case 0: {
            String uid = UIDS.get(step.a() % UIDS.size());
            String key = uid + "/" + CLIENTS.get(step.b());
            int replaced = openKeys.indexOf(key);
            FakeChannel ch = f.connect(uid, CLIENTS.get(step.b()));
            if (replaced >= 0) { // the new connection replaces the old one, which the server closes
              open.remove(replaced).awaitClosed();
              openKeys.remove(replaced);
            }
            open.add(ch);
            openKeys.add(key);
            model.openPerKey.put(key, 1);
            break;
          }
          case 1: {
            if (open.isEmpty()) {
              break;
            }
            int i = step.a() % open.size();
            open.remove(i).clientCloses(1000);
            String key = openKeys.remove(i);
            model.openPerKey.put(key, 0);
            model.closedAt.put(key, model.now);
            break;
          }
          default:
            f.time.advance(Duration.ofMillis(step.millis()));
            model.now += step.millis();
        }
        f.idle();
        for (EventMessage m : ServerFixture.drain(f.presenceEvents)) {
          int delta = m.id().equals(Chsk.UIDPORT_OPEN) ? 1 : -1;
          int b = balance.merge((String) m.data(), delta, Integer::sum);
          assertThat(b).as("uidport events of %s alternate, starting with open", m.data()).isBetween(0, 1);
        }
        Set<String> expected = model.any();
        assertThat(f.server.connectedUids().any()).as("any after %s", step).isEqualTo(expected);
        assertThat(f.server.connectedUids().ws()).isEqualTo(expected);
        Set<String> byEvents = new LinkedHashSet<>();
        balance.forEach((uid, b) -> {
          if (b == 1) {
            byEvents.add(uid);
          }
        });
        assertThat(byEvents).as("uids opened and not closed by events").isEqualTo(expected);
      }
    }
  }
}
