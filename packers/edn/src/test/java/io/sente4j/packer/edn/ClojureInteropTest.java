package io.sente4j.packer.edn;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Tagged;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.Theories;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The edn packer against Clojure 1.12's {@code clojure.edn/read-string} and {@code pr-str}: what we write, Clojure
 * reads back equal; what Clojure prints, we read back equal; and where Clojure's text reads back in Clojure, ours is
 * the same text, byte for byte.
 */
class ClojureInteropTest {

  /** Data-model values Clojure can hold: millisecond instants (a Date), no Clojure-equal duplicates. */
  private static Gen<Object> clojureValues() {
    return DataModelGens.all().withMillisecondInstants().values().assuming(ClojureEquality::isRepresentable);
  }

  @Test
  void clojureReadsOurTextBackEqual() {
    Theories.qt().forAll(clojureValues()).checkAssert(v -> {
      String ours = Edn.write(v);
      assertThat(ClojureEdn.toDataModel(ClojureEdn.readString(ours))).as("Clojure reading %s", ours).isEqualTo(v);
    });
  }

  @Test
  void weReadClojuresPrintedValuesBackEqual() {
    Theories.qt().forAll(clojureValues().assuming(ClojureInteropTest::clojurePrintsReadably)).checkAssert(v -> {
      String theirs = ClojureEdn.prStr(ClojureEdn.toClojure(v));
      assertThat(Edn.read(theirs)).as("reading Clojure's %s", theirs).isEqualTo(v);
    });
  }

  @Test
  void ourTextIsClojuresTextWhereClojuresReadsBack() {
    Theories.qt().forAll(clojureValues().assuming(ClojureInteropTest::clojurePrintsReadably)
        .assuming(v -> !hasEscapedString(v))).checkAssert(v -> {
          Object clojure = ClojureEdn.toClojureVectors(v);
          // Java collections in Clojure's iteration order, so that both print the same order.
          Object sameOrder = ClojureEdn.toDataModel(clojure);
          assertThat(Edn.write(sameOrder)).isEqualTo(ClojureEdn.prStr(clojure));
        });
  }

  @Test
  void clojureReadsTheEscapesClojureWouldNotWrite() {
    String s = "bell\u0007 nul\u0000 del\u007f nel\u0085 lone\ud800 \udc00";
    assertThat(ClojureEdn.readString(Edn.write(s))).isEqualTo(s);
    for (char c : new char[] {'\u0007', '\u0000', '\u007f', '\u2028', '\u3000', '\u000b', '\u001c', '\u00a0'}) {
      assertThat(ClojureEdn.readString(Edn.write(c))).as("U+%04X", (int) c).isEqualTo(c);
    }
  }

  @Test
  void senteFramesAreWhatClojurePrints() {
    for (String frame : List.of(
        "[[:my-app/some-req {:name \"Rich\"}] \"3f9c2a\"]",
        "[[:chsk/handshake [\"alice\" nil nil]] nil]",
        "[[:chsk/handshake [:sente/nil-uid nil {:plan :pro}]] nil]",
        "[[[:my-app/alert {:n 1}] [:my-app/alert {:n 2}]] nil]",
        "[:chsk/ws-ping nil]",
        "[\"pong\" \"3f9c2a\"]",
        "[[:my-app/some-req {:name \"Rich\"}] :ajax]",
        "{:n 1, :s \"hello\"}")) {
      String clojure = ClojureEdn.prStr(ClojureEdn.readString(frame));
      assertThat(clojure).isEqualTo(frame);
      assertThat(Edn.write(Edn.read(frame))).isEqualTo(clojure);
    }
  }

  /** Clojure prints a whitespace, control or surrogate character raw, as text no reader can read back. */
  private static boolean clojurePrintsReadably(Object v) {
    if (v instanceof Character) {
      char c = (Character) v;
      return "\n\t\r\b\f ".indexOf(c) >= 0 || !(Character.isWhitespace(c) || Character.isSurrogate(c));
    }
    return children(v).stream().allMatch(ClojureInteropTest::clojurePrintsReadably);
  }

  /** Whether a string or character holds something we escape as \\uXXXX while Clojure prints it raw. */
  private static boolean hasEscapedString(Object v) {
    if (v instanceof String) {
      return ((String) v).chars().anyMatch(c -> Character.isISOControl(c) && "\n\t\r\b\f".indexOf(c) < 0);
    }
    if (v instanceof Character) {
      char c = (Character) v;
      return "\n\t\r\b\f ".indexOf(c) < 0 && (Character.isISOControl(c) || Character.isWhitespace(c));
    }
    return children(v).stream().anyMatch(ClojureInteropTest::hasEscapedString);
  }

  private static List<Object> children(Object v) {
    List<Object> out = new java.util.ArrayList<>();
    if (v instanceof List) {
      out.addAll((List<?>) v);
    } else if (v instanceof Set) {
      out.addAll((Set<?>) v);
    } else if (v instanceof Map) {
      ((Map<?, ?>) v).forEach((k, x) -> {
        out.add(k);
        out.add(x);
      });
    } else if (v instanceof Tagged) {
      out.add(((Tagged) v).value());
    }
    return out;
  }
}
