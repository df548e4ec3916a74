package io.sente4j.packer.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.Payload;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What JSON text reads as. */
class JsonPackerReadsTest {
  private final JsonPacker packer = new JsonPacker();

  private Object read(String json) {
    return packer.unpack(Payload.text(json));
  }

  @Test
  void readsScalars() {
    assertThat(read("null")).isNull();
    assertThat(read("true")).isEqualTo(true);
    assertThat(read("false")).isEqualTo(false);
    assertThat(read("\"h\\u00e9llo \\ud834\\udd1e \\n\\/\"")).isEqualTo("h\u00e9llo \ud834\udd1e \n/");
    assertThat(read(" \t\r\n 7 \n")).isEqualTo(7L);
  }

  @Test
  void readsIntegersAsLongOrBeyondItsRangeAsBigInteger() {
    assertThat(read("0")).isEqualTo(0L);
    assertThat(read("-0")).isEqualTo(0L);
    assertThat(read("42")).isInstanceOf(Long.class);
    assertThat(read("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(read("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(read("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
    assertThat(read("-9223372036854775809")).isEqualTo(new BigInteger("-9223372036854775809"));
    assertThat(read("1" + "0".repeat(998))).isEqualTo(BigInteger.TEN.pow(998));
  }

  @Test
  void readsEveryOtherNumberAsDouble() {
    assertThat(read("1.0")).isEqualTo(1.0);
    assertThat(read("-0.0")).isEqualTo(-0.0);
    assertThat(read("1e2")).isEqualTo(100.0);
    assertThat(read("1E+3")).isEqualTo(1000.0);
    assertThat(read("1.50")).isEqualTo(1.5);
    assertThat(read("1.0E300")).isEqualTo(1e300);
    assertThat(read("4.9E-324")).isEqualTo(Double.MIN_VALUE);
    assertThat(read("1e-400")).isEqualTo(0.0);
    assertThat(read("-1e-400")).isEqualTo(-0.0);
    assertThat(read("0.1000000000000000055511151231257827021181583404541015625")).isEqualTo(0.1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void readsArraysAsUnmodifiableListsThatHoldNull() {
    Object v = read("[1,null,\"x\",[]]");
    assertThat(v).isEqualTo(Arrays.asList(1L, null, "x", List.of()));
    assertThatThrownBy(() -> ((List<Object>) v).add(2L)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<Object>) v).set(0, 2L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @SuppressWarnings("unchecked")
  void readsObjectsAsUnmodifiableMapsWithStringKeysInOrder() {
    Map<Object, Object> m = (Map<Object, Object>) read("{\"z\":1,\"a\":null,\"m\":{\"k\":[true]}}");
    assertThat(new ArrayList<>(m.keySet())).containsExactly("z", "a", "m");
    assertThat(m).containsEntry("a", null).containsEntry("z", 1L).containsEntry("m", Map.of("k", List.of(true)));
    assertThatThrownBy(() -> m.put("b", 2L)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.remove("z")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void readsStringsThatLookLikeOtherTypesAsStrings() {
    assertThat(read("\":chat/send\"")).isEqualTo(":chat/send");
    assertThat(read("\"1970-01-01T00:00:00Z\"")).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(read("\"AAF/gP8=\"")).isEqualTo("AAF/gP8=");
  }

  @Test
  void readsABinaryPayloadAsUtf8() {
    byte[] utf8 = "[\"h\u00e9\",\"\ud834\udd1e\"]".getBytes(StandardCharsets.UTF_8);
    assertThat(packer.unpack(Payload.binary(Bytes.wrap(utf8)))).isEqualTo(List.of("h\u00e9", "\ud834\udd1e"));
  }

  @Test
  void readsLongStringsAndNamesUpToTheInputLimit() {
    String big = "x".repeat(100_000);
    assertThat(read("{\"" + big + "\":\"" + big + "\"}")).isEqualTo(Map.of(big, big));
  }
}
