package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestsTest {

  @Test
  void paramsAreDecodedInOrderWithRepeatsAndBareNames() {
    assertThat(Requests.decodeParams("a=1&&b&a=x+y&c=%E2%82%AC&d=")).containsExactly(
        Map.entry("a", List.of("1", "x y")), Map.entry("b", List.of("")), Map.entry("c", List.of("\u20ac")),
        Map.entry("d", List.of("")));
    assertThat(Requests.decodeParams(null)).isEmpty();
    assertThat(Requests.decodeParams("")).isEmpty();
  }

  @Test
  void malformedEscapesAreKeptAsWritten() {
    assertThat(Requests.decodeParams("x=%zz")).containsEntry("x", List.of("%zz"));
  }

  @Test
  void cookieHeadersSplitIntoNamesAndValues() {
    assertThat(Requests.parseCookies(" a=1;b=\"two\" ; c=x=y; ;bare; a=again")).containsExactly(
        Map.entry("a", "1"), Map.entry("b", "two"), Map.entry("c", "x=y"), Map.entry("bare", ""));
  }
}
