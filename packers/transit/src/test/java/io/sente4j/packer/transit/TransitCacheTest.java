package io.sente4j.packer.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.Payload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Transit's key cache, both ways: we write transit-java's cache references and read them back, and refuse bad ones. */
class TransitCacheTest {
  private final TransitJsonPacker json = new TransitJsonPacker();
  private final TransitMsgpackPacker msgpack = new TransitMsgpackPacker();

  @Test
  void aRepeatedEventIdInAPushIsWrittenAsACacheReference() {
    Frame push = new Frame.Push(List.of(Event.of("my-app/alert", Map.of(Keyword.of("n"), 1L)),
        Event.of("my-app/alert", Map.of(Keyword.of("n"), 2L))));
    Payload wire = new FrameCodec(json).encode(push);
    assertThat(wire.asText()).isEqualTo("[[[\"~:my-app/alert\",[\"^ \",\"~:n\",1]],[\"^0\",[\"^ \",\"~:n\",2]]],null]");
    assertThat(new FrameCodec(json).decode(wire, io.sente4j.core.Direction.FROM_SERVER,
        io.sente4j.core.Via.WEBSOCKET)).isEqualTo(push);
  }

  @Test
  void repeatedMapKeysAreWrittenAsReferencesAndReadBack() {
    Map<Object, Object> row = new LinkedHashMap<>();
    row.put(Keyword.of("user/name"), "a");
    row.put("longer-string-key", 1L);
    Object rows = List.of(row, row, row);
    String text = json.pack(rows).asText();
    assertThat(text).isEqualTo("[[\"^ \",\"~:user/name\",\"a\",\"longer-string-key\",1],"
        + "[\"^ \",\"^0\",\"a\",\"^1\",1],[\"^ \",\"^0\",\"a\",\"^1\",1]]");
    assertThat(json.unpack(Payload.text(text))).isEqualTo(rows);
    assertThat(msgpack.unpack(msgpack.pack(rows))).isEqualTo(rows);
    assertThat(msgpack.pack(rows).asBytes().toHex()).contains("a25e30"); // the string "^0"
  }

  /** 1,936 slots, then both sides start again at slot 0: the corpus reads this; here we write it too. */
  @Test
  void theCacheWrapsAfter1936EntriesAsTransitJavaDoes() {
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 1940; i++) {
      keys.add(Keyword.of("k" + i));
    }
    List<Object> twice = new ArrayList<>(keys);
    twice.addAll(keys);
    for (var p : List.of(json, msgpack)) {
      Payload ours = p.pack(twice);
      assertThat(ours.asBytes()).isEqualTo(Bytes.wrap(TransitJava.write(twice, p.isBinary())));
      assertThat(p.unpack(ours)).isEqualTo(twice);
    }
    // The 1,937th keyword took slot 0 again, so the second round starts with k0 written out, not referenced.
    String text = json.pack(twice).asText();
    assertThat(text.split("\"~:k0\"", -1)).hasSize(3);
  }

  @Test
  void aReferenceToNothingReadYetIsRefusedWhereItStands() {
    for (String bad : List.of("[\"^0\"]", "[\"~:abcd\",\"^1\"]", "[\"^\"]", "[\"^abc\"]", "[\"^~\"]", "[\"^0~\"]")) {
      assertThatThrownBy(() -> json.unpack(Payload.text(bad))).as(bad).isInstanceOfSatisfying(PackerException.class,
          e -> {
            assertThat(e.getMessage()).startsWith("transit-json: ").contains("cache reference");
            assertThat(e.offset()).isEqualTo(bad.lastIndexOf("\"^"));
          });
    }
  }

  /**
   * A reference is a few bytes standing for a whole string read before: a 1 MiB payload of one long keyword and
   * references to it read into a value of billions of characters, which the first toString or re-packing into
   * another format then tried to build. The references of one payload may stand for 16 times its input limit.
   */
  @Test
  void referencesMayStandForSixteenTimesTheInputLimitAndNoMore() {
    TransitJsonPacker limited = new TransitJsonPacker(io.sente4j.core.PackerLimits.builder().maxInputBytes(1000)
        .build());
    String keyword = "~:" + "k".repeat(398); // 400 characters, each reference to it is charged 400
    StringBuilder text = new StringBuilder("[\"" + keyword + "\"");
    for (int i = 0; i < 40; i++) {
      text.append(",\"^0\"");
    }
    String atTheEdge = text + "]";
    assertThat((List<?>) limited.unpack(Payload.text(atTheEdge))).hasSize(41)
        .allSatisfy(k -> assertThat(k).isEqualTo(Keyword.of("k".repeat(398))));
    String beyond = text + ",\"^0\"]";
    assertThat(beyond.length()).isLessThan(1000);
    assertThatThrownBy(() -> limited.unpack(Payload.text(beyond)))
        .isInstanceOfSatisfying(PackerLimitException.class, e -> {
          assertThat(e.limit()).isEqualTo(PackerLimitException.Limit.CACHE_EXPANSION);
          assertThat(e.limitValue()).isEqualTo(16);
          assertThat(e.reason()).isEqualTo("cache references that stand for more than 16000 characters in all"
              + " (16 times PackerLimits.maxInputBytes; see maxCacheExpansion): a value that large from so small an"
              + " input is refused");
          assertThat(e.offset()).isEqualTo(beyond.lastIndexOf("\"^0\""));
        });
    // The same through MessagePack, whose references are charged the same characters.
    TransitMsgpackPacker limitedMsgpack = new TransitMsgpackPacker(io.sente4j.core.PackerLimits.builder()
        .maxInputBytes(1000).build());
    List<Object> keywords = java.util.Collections.nCopies(42, Keyword.of("k".repeat(398)));
    Payload packed = msgpack.pack(keywords);
    assertThatThrownBy(() -> limitedMsgpack.unpack(packed)).isInstanceOfSatisfying(PackerLimitException.class, e -> {
      assertThat(e.limit()).isEqualTo(PackerLimitException.Limit.CACHE_EXPANSION);
      assertThat(e.limitValue()).isEqualTo(16);
      assertThat(e.reason()).startsWith("cache references that stand for more than 16000 characters");
      assertThat(e.offset()).as("the last reference, its three bytes last").isEqualTo(packed.byteLength() - 3);
    });
    assertThat(limitedMsgpack.unpack(msgpack.pack(keywords.subList(0, 41)))).isEqualTo(keywords.subList(0, 41));
  }

  @Test
  void shortStringsAndNonKeyStringsAreNotCached() {
    // A value string is never cached, nor a keyword shorter than four characters with its "~:".
    String text = json.pack(List.of("abcdef", "abcdef", Keyword.of("a"), Keyword.of("a"))).asText();
    assertThat(text).isEqualTo("[\"abcdef\",\"abcdef\",\"~:a\",\"~:a\"]");
  }
}
