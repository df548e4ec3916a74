package io.sente4j.crosscheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A value of the data model in the canonical JSON form the JavaScript adapters share (see js/cj.mjs). */
final class Cj {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Cj() {}

  static JsonNode of(Object v) {
    if (v == null) {
      return F.nullNode();
    }
    if (v instanceof Boolean) {
      return F.booleanNode((Boolean) v);
    }
    if (v instanceof String) {
      return F.textNode((String) v);
    }
    if (v instanceof Long) {
      return one("int", v.toString());
    }
    if (v instanceof BigInteger) {
      return one("bigint", v.toString());
    }
    if (v instanceof Double) {
      return one("double", v.toString());
    }
    if (v instanceof BigDecimal) {
      return one("decimal", v.toString());
    }
    if (v instanceof Character) {
      return one("char", v.toString());
    }
    if (v instanceof Keyword) {
      return one("kw", ((Keyword) v).qualifiedName());
    }
    if (v instanceof Symbol) {
      return one("sym", ((Symbol) v).qualifiedName());
    }
    if (v instanceof UUID) {
      return one("uuid", v.toString());
    }
    if (v instanceof Bytes) {
      return one("bytes", ((Bytes) v).toHex());
    }
    if (v instanceof Instant) {
      Instant i = (Instant) v;
      long ms = Math.floorDiv(i.getEpochSecond() * 1000 + i.getNano() / 1_000_000, 1);
      ObjectNode o = one("inst", Long.toString(ms));
      if (i.getNano() % 1_000_000 != 0) {
        o.put("sub", i.getNano() % 1_000_000);
      }
      return o;
    }
    if (v instanceof List || v instanceof Set) {
      ArrayNode a = F.arrayNode();
      ((Iterable<?>) v).forEach(e -> a.add(of(e)));
      ObjectNode o = F.objectNode();
      o.set(v instanceof List ? "list" : "set", a);
      return o;
    }
    if (v instanceof Map) {
      ArrayNode a = F.arrayNode();
      ((Map<?, ?>) v).forEach((k, e) -> a.add(F.arrayNode().add(of(k)).add(of(e))));
      ObjectNode o = F.objectNode();
      o.set("map", a);
      return o;
    }
    if (v instanceof Tagged) {
      ObjectNode o = one("tagged", ((Tagged) v).tag().qualifiedName());
      o.set("value", of(((Tagged) v).value()));
      return o;
    }
    throw new IllegalArgumentException("not a value of the data model: " + v.getClass().getName());
  }

  private static ObjectNode one(String kind, String text) {
    ObjectNode o = F.objectNode();
    o.put(kind, text);
    return o;
  }
}
