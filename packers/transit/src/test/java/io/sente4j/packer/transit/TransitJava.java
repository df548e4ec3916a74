package io.sente4j.packer.transit;

import com.cognitect.transit.Reader;
import com.cognitect.transit.TaggedValue;
import com.cognitect.transit.TransitFactory;
import com.cognitect.transit.Writer;
import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * transit-java on its own, as the independent oracle of the tests: its writer and reader used the plain way, with
 * values converted between the data model and transit-java's own types.
 */
final class TransitJava {
  private TransitJava() {}

  static TransitFactory.Format format(boolean msgpack) {
    return msgpack ? TransitFactory.Format.MSGPACK : TransitFactory.Format.JSON;
  }

  /** transit-java's bytes for a value of the data model. */
  static byte[] write(Object value, boolean msgpack) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Writer<Object> w = TransitFactory.writer(format(msgpack), out);
    w.write(toTransit(value));
    return out.toByteArray();
  }

  /** What transit-java reads from {@code bytes}, in the data model. */
  static Object read(byte[] bytes, boolean msgpack) {
    Reader r = TransitFactory.reader(format(msgpack), new ByteArrayInputStream(bytes));
    return fromTransit(r.read());
  }

  static Object toTransit(Object v) {
    if (v instanceof Keyword) {
      return TransitFactory.keyword(((Keyword) v).qualifiedName());
    } else if (v instanceof Symbol) {
      return TransitFactory.symbol(((Symbol) v).qualifiedName());
    } else if (v instanceof Instant) {
      return new Date(((Instant) v).toEpochMilli());
    } else if (v instanceof Bytes) {
      return ((Bytes) v).toByteArray();
    } else if (v instanceof Tagged) {
      return TransitFactory.taggedValue(((Tagged) v).tag().qualifiedName(), toTransit(((Tagged) v).value()));
    } else if (v instanceof Float) {
      return ((Float) v).doubleValue();
    } else if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<?>) v).forEach(e -> out.add(toTransit(e)));
      return out;
    } else if (v instanceof Set) {
      Set<Object> out = new LinkedHashSet<>();
      ((Set<?>) v).forEach(e -> out.add(toTransit(e)));
      return out;
    } else if (v instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, e) -> out.put(toTransit(k), toTransit(e)));
      return out;
    }
    return v;
  }

  static Object fromTransit(Object v) {
    if (v instanceof com.cognitect.transit.Keyword) {
      return Keyword.of(((com.cognitect.transit.Keyword) v).toString().substring(1));
    } else if (v instanceof com.cognitect.transit.Symbol) {
      return Symbol.of(v.toString());
    } else if (v instanceof Date) {
      return Instant.ofEpochMilli(((Date) v).getTime());
    } else if (v instanceof byte[]) {
      return Bytes.wrap((byte[]) v);
    } else if (v instanceof TaggedValue) {
      return new Tagged(Symbol.of(((TaggedValue<?>) v).getTag()), fromTransit(((TaggedValue<?>) v).getRep()));
    } else if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<?>) v).forEach(e -> out.add(fromTransit(e)));
      return out;
    } else if (v instanceof Set) {
      Set<Object> out = new LinkedHashSet<>();
      ((Set<?>) v).forEach(e -> out.add(fromTransit(e)));
      return out;
    } else if (v instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, e) -> out.put(fromTransit(k), fromTransit(e)));
      return out;
    }
    return v;
  }
}
