package io.sente4j.packer.msgpack;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MessagePack test suite (kawanet/msgpack-test-suite, read in place from {@code
 * ${sente4j.shared}/corpora/msgpack-test-suite}): each value read from every one of its legal encodings. Integers read
 * as {@code Long} (as {@code BigInteger} beyond a long), floats as {@code Double}, timestamps as {@code Instant}. The
 * suite's {@code ext} group holds opaque extension values of types 1 to 7, which in Sente's MessagePack are symbols,
 * characters, ratios, sets and primitive arrays with other contents: each of those encodings must fail cleanly.
 */
class MsgpackTestSuiteCorpusTest {
  private static final MsgpackPacker PACKER = new MsgpackPacker();
  private static JsonNode suite;

  @BeforeAll
  static void readCorpus() throws IOException {
    String shared = System.getProperty("sente4j.shared");
    assertThat(shared).as("system property sente4j.shared (set by the build)").isNotNull();
    Path file = Path.of(shared, "corpora", "msgpack-test-suite", "msgpack-test-suite.json");
    assertThat(file).as("the MessagePack test suite corpus").isRegularFile();
    suite = new ObjectMapper().readTree(Files.readString(file));
    assertThat(suite.size()).as("groups in the suite").isEqualTo(15);
  }

  private static Object read(String dashedHex) {
    return PACKER.unpack(Payload.binary(Bytes.fromHex(dashedHex.replace("-", ""))));
  }

  /** The value a case stands for, and whether an encoding of it is a float. */
  private static Object expected(JsonNode c, String encoding) {
    boolean isFloat = encoding.startsWith("ca") || encoding.startsWith("cb");
    if (c.has("bignum") || c.has("number")) {
      BigInteger n = c.has("bignum") ? new BigInteger(c.get("bignum").asText()) : null;
      if (isFloat) {
        return c.get("number").asDouble();
      }
      if (n == null) {
        n = c.get("number").bigIntegerValue();
      }
      return n.bitLength() < 64 ? (Object) n.longValue() : n;
    }
    if (c.has("timestamp")) {
      return Instant.ofEpochSecond(c.get("timestamp").get(0).asLong(), c.get("timestamp").get(1).asLong());
    }
    if (c.has("binary")) {
      return Bytes.fromHex(c.get("binary").asText().replace("-", ""));
    }
    for (String k : new String[] {"nil", "bool", "string", "array", "map"}) {
      if (c.has(k)) {
        return json(c.get(k));
      }
    }
    throw new AssertionError("a case of unknown kind: " + c);
  }

  private static Object json(JsonNode n) {
    if (n.isNull()) {
      return null;
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isIntegralNumber()) {
      return n.asLong();
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
  void everyValueReadsFromEveryLegalEncoding() {
    int encodings = 0;
    for (Iterator<Map.Entry<String, JsonNode>> groups = suite.fields(); groups.hasNext();) {
      Map.Entry<String, JsonNode> group = groups.next();
      if (group.getKey().equals("60.ext.yaml")) {
        continue;
      }
      for (JsonNode c : group.getValue()) {
        for (JsonNode encoding : c.get("msgpack")) {
          String hex = encoding.asText();
          assertThat(read(hex)).as("%s: %s", group.getKey(), hex).isEqualTo(expected(c, hex));
          encodings++;
        }
      }
    }
    assertThat(encodings).as("encodings read").isGreaterThan(150);
  }

  @Test
  void opaqueExtensionValuesFailCleanly() {
    int encodings = 0;
    for (JsonNode c : suite.get("60.ext.yaml")) {
      for (JsonNode encoding : c.get("msgpack")) {
        assertThatThrownBy(() -> read(encoding.asText())).as(encoding.asText())
            .isInstanceOfSatisfying(PackerException.class, e -> assertThat(e.offset()).isZero());
        encodings++;
      }
    }
    assertThat(encodings).isEqualTo(11);
  }

  /** What the packer writes for the suite's values is one of the suite's encodings. */
  @Test
  void writesOneOfTheSuitesEncodings() {
    for (Iterator<Map.Entry<String, JsonNode>> groups = suite.fields(); groups.hasNext();) {
      Map.Entry<String, JsonNode> group = groups.next();
      if (group.getKey().equals("60.ext.yaml")) {
        continue;
      }
      for (JsonNode c : group.getValue()) {
        List<String> legal = new ArrayList<>();
        c.get("msgpack").forEach(e -> legal.add(e.asText().replace("-", "")));
        Object value = expected(c, legal.get(0));
        String written = PACKER.pack(value).asBytes().toHex();
        if (value instanceof Instant) {
          // Sente always writes the 12-byte form, which the suite lists only where it is the smallest.
          assertThat(read(written)).isEqualTo(value);
        } else {
          assertThat(legal).as("%s: %s written as %s", group.getKey(), value, written).contains(written);
        }
      }
    }
  }
}
