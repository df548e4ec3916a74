package io.sente4j.packer.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed Transit is refused with the reason and the place: character offset, line and column, or byte offset. */
class TransitReadErrorsTest {
  private final TransitJsonPacker json = new TransitJsonPacker();
  private final TransitMsgpackPacker msgpack = new TransitMsgpackPacker();

  private PackerException jsonError(String text) {
    try {
      json.unpack(Payload.text(text));
    } catch (PackerException e) {
      return e;
    }
    throw new AssertionError("read " + text);
  }

  @Test
  void malformedScalarsNameTheProblemAndWhere() {
    Map<String, String> cases = Map.of(
        "[1,\"~uf81d\"]", "canonical UUID",
        "[1,\"~:a/1b\"]", "keyword name",
        "[1,\"~i12x\"]", "tag \"i\"",
        "[1,\"~zNAN\"]", "tag \"z\"",
        "[1,\"~bnot base64!\"]", "not base64",
        "[1,\"~c\"]", "tag \"c\"",
        "[1,\"~t2020-13-01T00:00:00Z\"]", "ISO-8601",
        "[1,\"~m99999999999999999999999\"]", "tag \"m\"");
    cases.forEach((text, reason) -> {
      PackerException e = jsonError(text);
      assertThat(e.getMessage()).as(text).contains(reason);
      assertThat(e.offset()).as(text).isEqualTo(3);
      assertThat(e.line()).isEqualTo(1);
      assertThat(e.column()).isEqualTo(4);
    });
  }

  @Test
  void structureErrorsAreRefused() {
    assertThat(jsonError("[\"~#set\",[1,1]]").getMessage()).contains("duplicate set element 1");
    assertThat(jsonError("[\"^ \",\"~:a\",1,\"~:a\",2]").offset()).isEqualTo(14);
    assertThat(jsonError("{\"~:a\":1,\"~:a\":2}").getMessage()).contains("duplicate map key :a");
    // A collection is shown as far as the message goes; it was "a UnmodifiableRandomAccessList".
    assertThat(jsonError("[\"~#cmap\",[[1,\"~:k\"],2,[1,\"~:k\"],3]]").reason())
        .isEqualTo("duplicate map key [1, :k]");
    assertThat(jsonError("[\"~#set\",[[\"^ \",\"a\",[1]],[\"^ \",\"a\",[1]]]]").reason())
        .isEqualTo("duplicate set element {a=[1]}");
    assertThat(jsonError("[\"^ \",\"~:a\"]").getMessage()).contains("a key and no value");
    assertThat(jsonError("[\"~#set\"]").getMessage()).contains("no representation");
    assertThat(jsonError("[\"~#set\",[],1]").getMessage()).contains("one representation");
    assertThat(jsonError("[\"~#set\",1]").getMessage()).contains("wants an array");
    assertThat(jsonError("[1,\"~#set\"]").getMessage()).contains("can only begin an array");
    assertThat(jsonError("[\"~#1x\",1]").getMessage()).contains("not a symbol");
    assertThat(jsonError("[1]\n [2]").line()).isEqualTo(2);
    assertThat(jsonError("[1,").getMessage()).isNotEmpty();
  }

  @Test
  void theMapMarkerAsAMapKeyIsRefusedWhereverTheKeyIs() {
    // "^ " only begins an array; as the first key of a map it was read as an internal marker object, which ended up
    // as a key of the map returned.
    for (String text : new String[] {"{\"^ \":1}", "{\"^ \":1,\"b\":2}", "{\"b\":2,\"^ \":1}"}) {
      PackerException e = jsonError(text);
      assertThat(e.getMessage()).as(text).contains("a map key cannot be a tag or a map marker");
      assertThat(e.offset()).as(text).isEqualTo(text.indexOf("\"^ \""));
    }
    // {"^ ": 1} and {"b": 2, "^ ": 1} in MessagePack
    assertThatThrownBy(() -> msgpack.unpack(Payload.binary(Bytes.fromHex("81a25e2001"))))
        .isInstanceOfSatisfying(PackerException.class, e -> {
          assertThat(e.getMessage()).contains("a map key cannot be a tag or a map marker");
          assertThat(e.offset()).isEqualTo(1);
        });
    assertThatThrownBy(() -> msgpack.unpack(Payload.binary(Bytes.fromHex("82a16202a25e2001"))))
        .isInstanceOfSatisfying(PackerException.class, e -> assertThat(e.offset()).isEqualTo(4));
  }

  @Test
  void messagePackValuesThatAreNotTransitAreRefusedAtTheirByte() {
    // [1, bin8 of 1 byte], then [1, ext], then a map whose header announces more entries than bytes remain.
    for (String hex : new String[] {"9201c40100", "9201d40100", "9201de7fff"}) {
      assertThatThrownBy(() -> msgpack.unpack(Payload.binary(Bytes.fromHex(hex)))).as(hex)
          .isInstanceOfSatisfying(PackerException.class, e -> assertThat(e.offset()).isEqualTo(2));
    }
  }

  @Test
  void aHugeMessagePackHeaderFailsBeforeAnyAllocation() {
    PackerLimits limits = PackerLimits.builder().maxCollectionSize(10).build();
    assertThatThrownBy(() -> new TransitMsgpackPacker(limits).unpack(Payload.binary(Bytes.fromHex("dd7fffffff"))))
        .isInstanceOfSatisfying(PackerLimitException.class,
            e -> assertThat(e.limit()).isEqualTo(PackerLimitException.Limit.COLLECTION_SIZE));
    assertThatThrownBy(() -> msgpack.unpack(Payload.binary(Bytes.fromHex("dc03e8c0"))))
        .isInstanceOf(PackerException.class).hasMessageContaining("1000 elements, more than the 1 bytes left");
  }

  @Test
  void quotesCannotNestPastTheStack() {
    String deep = "[\"~#'\",".repeat(5000) + "1" + "]".repeat(5000);
    assertThatThrownBy(() -> json.unpack(Payload.text(deep))).isInstanceOfSatisfying(PackerLimitException.class,
        e -> assertThat(e.limit()).isEqualTo(PackerLimitException.Limit.DEPTH));
  }

  @Test
  void scalarsWrittenAsTaggedArraysDoNotCountAsDepth() {
    // A list at the limit holding an instant and a UUID as MessagePack writes them (tagged arrays).
    TransitMsgpackPacker limited = new TransitMsgpackPacker(PackerLimits.builder().maxDepth(1).build());
    Object v = java.util.List.of(java.time.Instant.ofEpochMilli(5), java.util.UUID.randomUUID());
    assertThat(limited.unpack(limited.pack(v))).isEqualTo(v);
  }
}
