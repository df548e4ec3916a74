package io.sente4j.packer.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sente4j.core.Bytes;
import io.sente4j.core.PackerException;
import io.sente4j.core.Payload;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examples of RFC 8949 Appendix A (cbor/test-vectors {@code appendix_a.json}, read in place from {@code
 * ${sente4j.shared}/corpora/cbor-test-vectors}): every item of the data model reads to its value, and each item
 * outside it is refused, as listed in {@link #REFUSED} with the reason.
 */
class CborAppendixATest {
  private static final CborPacker PACKER = new CborPacker();

  /** The items outside the data model, and a word of the reason each is refused. */
  private static final Map<String, String> REFUSED = Map.of(
      "f7", "undefined",
      "f0", "simple value 16",
      "f818", "simple value 24",
      "f8ff", "simple value 255",
      "d74401020304", "unknown tag 23",
      "d818456449455446", "unknown tag 24",
      "d82076687474703a2f2f7777772e6578616d706c652e636f6d", "unknown tag 32");

  /** The items the corpus gives in diagnostic notation only, with the value each reads as. */
  private static final Map<String, Object> DIAGNOSTIC = new TreeMap<>();

  static {
    for (String inf : List.of("f97c00", "fa7f800000", "fb7ff0000000000000")) {
      DIAGNOSTIC.put(inf, Double.POSITIVE_INFINITY);
    }
    for (String inf : List.of("f9fc00", "faff800000", "fbfff0000000000000")) {
      DIAGNOSTIC.put(inf, Double.NEGATIVE_INFINITY);
    }
    for (String nan : List.of("f97e00", "fa7fc00000", "fb7ff8000000000000")) {
      DIAGNOSTIC.put(nan, Double.NaN);
    }
    DIAGNOSTIC.put("c074323031332d30332d32315432303a30343a30305a", Instant.parse("2013-03-21T20:04:00Z"));
    DIAGNOSTIC.put("c11a514b67b0", Instant.ofEpochSecond(1363896240));
    DIAGNOSTIC.put("c1fb41d452d9ec200000", Instant.ofEpochSecond(1363896240, 500_000_000));
    DIAGNOSTIC.put("40", Bytes.EMPTY);
    DIAGNOSTIC.put("4401020304", Bytes.fromHex("01020304"));
    DIAGNOSTIC.put("5f42010243030405ff", Bytes.fromHex("0102030405"));
    Map<Object, Object> intKeys = new LinkedHashMap<>();
    intKeys.put(1L, 2L);
    intKeys.put(3L, 4L);
    DIAGNOSTIC.put("a201020304", intKeys);
  }

  private static JsonNode items;

  @BeforeAll
  static void readCorpus() throws IOException {
    String shared = System.getProperty("sente4j.shared");
    assertThat(shared).as("system property sente4j.shared (set by the build)").isNotNull();
    Path file = Path.of(shared, "corpora", "cbor-test-vectors", "appendix_a.json");
    assertThat(file).as("the CBOR Appendix A corpus").isRegularFile();
    items = new ObjectMapper().readTree(Files.readString(file));
    assertThat(items.size()).as("items in the corpus").isEqualTo(82);
  }

  private static Object read(String hex) {
    return PACKER.unpack(Payload.binary(Bytes.fromHex(hex)));
  }

  private static Object json(JsonNode n) {
    if (n.isNull()) {
      return null;
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isIntegralNumber()) {
      BigInteger b = n.bigIntegerValue();
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isArray()) {
      List<Object> out = new ArrayList<>();
      n.forEach(e -> out.add(json(e)));
      return out;
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), json(e.getValue()));
    }
    return out;
  }

  @Test
  void everyItemOfTheDataModelReadsToItsValue() {
    int read = 0;
    for (JsonNode item : items) {
      String hex = item.get("hex").asText();
      if (REFUSED.containsKey(hex)) {
        continue;
      }
      Object expected = item.has("decoded") ? json(item.get("decoded")) : DIAGNOSTIC.get(hex);
      assertThat(item.has("decoded") || DIAGNOSTIC.containsKey(hex)).as("an expected value for %s", hex).isTrue();
      // Floats are doubles here; JSON writes 1.0 as an integer-looking number only for integers, so compare kinds.
      if (expected instanceof Long && (hex.startsWith("f9") || hex.startsWith("fa") || hex.startsWith("fb"))) {
        expected = ((Long) expected).doubleValue();
      }
      assertThat(read(hex)).as(hex).isEqualTo(expected);
      read++;
    }
    assertThat(read).isEqualTo(82 - REFUSED.size());
  }

  @Test
  void itemsOutsideTheDataModelAreRefusedSayingWhy() {
    REFUSED.forEach((hex, why) -> assertThatThrownBy(() -> read(hex)).as(hex)
        .isInstanceOfSatisfying(PackerException.class, e -> {
          assertThat(e.reason().replace("the simple value", "simple value")).contains(why);
          assertThat(e.offset()).isZero();
        }));
  }

  /** Items whose value this packer writes in the same (preferred) form come back byte for byte. */
  @Test
  void itemsInPreferredFormWriteBackTheSameBytes() {
    int same = 0;
    for (JsonNode item : items) {
      String hex = item.get("hex").asText();
      if (!item.path("roundtrip").asBoolean() || REFUSED.containsKey(hex) || hex.startsWith("f9")
          || hex.startsWith("fa") || hex.startsWith("c")) {
        continue; // half and single floats (written as doubles here), tags, refused items
      }
      Object value = read(hex);
      if (value instanceof BigInteger || value instanceof Double || value instanceof Instant) {
        continue; // bignums are always tag 2/3 here; doubles always float64
      }
      assertThat(PACKER.pack(value).asBytes().toHex()).as(hex).isEqualTo(hex);
      same++;
    }
    assertThat(same).isGreaterThan(30);
  }
}
