package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientRouterTest {
  private static final Keyword A = Keyword.of("app", "a");
  private static final Keyword B = Keyword.of("app", "b");

  @Test
  void routesByIdAndSendsTheRestToTheFallback() {
    List<String> seen = new ArrayList<>();
    ClientRouter router = ClientRouter.builder()
        .on(A, e -> seen.add("a " + e.data()))
        .on(B, e -> seen.add("b " + e.data()))
        .fallback(e -> seen.add("other " + e.id()))
        .build();
    router.accept(Event.of(A, 1L));
    router.accept(Event.of(B, 2L));
    router.accept(Event.of("app/c", 3L));
    assertThat(seen).containsExactly("a 1", "b 2", "other :app/c");
    assertThat(router.ids()).containsExactlyInAnyOrder(A, B);
  }

  @Test
  void defaultFallbackIgnoresTheEvent() {
    ClientRouter.builder().build().accept(Event.of("app/x", null));
  }

  @Test
  void duplicateIdsFailAtBuildTime() {
    ClientRouter.Builder builder = ClientRouter.builder().on(A, e -> { }).on(A, e -> { });
    assertThatIllegalArgumentException().isThrownBy(builder::build)
        .withMessage("more than one handler for event id(s) [:app/a]");
  }

  @Test
  void worksAsThePushHandler() {
    try (ClientFixture f = new ClientFixture()) {
      List<Object> seen = new ArrayList<>();
      f.start(f.builder(ToyPacker.TEXT).pushHandler(ClientRouter.builder()
          .on(A, e -> f.pushes.add(e))
          .fallback(e -> seen.add(e))
          .build()));
      FakeConnection c = f.connectOpen("u");
      c.push(Frame.Push.of(Event.of(B, 1L), Event.of(A, 2L)));
      assertThat(f.nextPush()).isEqualTo(Event.of(A, 2L));
      assertThat(seen).containsExactly(Event.of(B, 1L));
    }
  }
}
