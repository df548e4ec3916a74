package io.sente4j.core;

import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators of legal keywords and symbols from a small pool, so that equal pairs come up often. */
final class NameGens {
  private NameGens() {}

  private static final List<String> NAMESPACES = List.of("a", "b", "my-app", "my-app.x", "chsk", "A", "é");
  private static final List<String> NAMES = List.of("a", "b", "x", "some-req", "ws-ping", "B", "a:b", "é", "*x*");

  static Gen<Keyword> keywords() {
    Gen<String> namespaces = Generate.frequency(List.of(
        org.quicktheories.api.Pair.of(1, Generate.constant((String) null)),
        org.quicktheories.api.Pair.of(3, Generate.pick(NAMESPACES))));
    return namespaces.zip(Generate.pick(NAMES), Keyword::of);
  }

  static Gen<Symbol> symbols() {
    Gen<String> namespaces = Generate.frequency(List.of(
        org.quicktheories.api.Pair.of(1, Generate.constant((String) null)),
        org.quicktheories.api.Pair.of(3, Generate.pick(NAMESPACES))));
    return namespaces.zip(Generate.pick(NAMES), Symbol::of);
  }
}
