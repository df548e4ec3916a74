package io.sente4j.packer.transit.internal;

import com.cognitect.transit.TransitFactory;
import com.cognitect.transit.WriteHandler;
import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import io.sente4j.core.internal.DecimalText;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transit-java write handlers for the data model's types that transit-java does not know, or writes otherwise
 * than the data model wants: sente4j's {@link Keyword} and {@link Symbol} as Transit keywords and symbols, {@link
 * Bytes}, {@link Instant} as milliseconds (tag {@code m}, as transit-java writes a {@code Date}), {@link Tagged} as
 * a tagged value, a {@code Float} as the double it widens to, a {@code BigDecimal} as text every reader reads back,
 * and every {@link List} as an array.
 */
final class WriteHandlers {
  private WriteHandlers() {}

  /** The handler map: transit-java's defaults with these added. Read-only; copied by each writer that uses it. */
  static Map<Class, WriteHandler<?, ?>> map() {
    Map<Class, WriteHandler<?, ?>> custom = new HashMap<>();
    custom.put(Keyword.class, new Handler<Keyword>(":", k -> k.qualifiedName(), k -> k.qualifiedName()));
    custom.put(Symbol.class, new Handler<Symbol>("$", s -> s.qualifiedName(), s -> s.qualifiedName()));
    custom.put(Bytes.class, new Handler<Bytes>("b", Bytes::toByteArray, null));
    custom.put(Instant.class, new Handler<Instant>("m", Instant::toEpochMilli, i -> Long.toString(i.toEpochMilli())));
    custom.put(List.class, new Handler<List<?>>("array", l -> l, null));
    custom.put(Tagged.class, new TaggedHandler());
    custom.put(Float.class, new FloatHandler());
    custom.put(BigDecimal.class, new Handler<BigDecimal>("f", WriteHandlers::decimal, WriteHandlers::decimal));
    return TransitFactory.writeHandlerMap(custom);
  }

  /**
   * A decimal's {@code "~f"} text: its {@code toString}, which transit-java writes, save where that has an exponent
   * beyond an int that no reader reads ({@link DecimalText}). {@link WriteCheck} has refused a decimal with no text.
   */
  private static String decimal(BigDecimal d) {
    return DecimalText.of(d).orElseThrow();
  }

  private static final class Handler<T> implements WriteHandler<T, Object> {
    private final String tag;
    private final java.util.function.Function<T, Object> rep;
    private final java.util.function.Function<T, String> stringRep;

    Handler(String tag, java.util.function.Function<T, Object> rep, java.util.function.Function<T, String> string) {
      this.tag = tag;
      this.rep = rep;
      this.stringRep = string;
    }

    @Override
    public String tag(T o) {
      return tag;
    }

    @Override
    public Object rep(T o) {
      return rep.apply(o);
    }

    @Override
    public String stringRep(T o) {
      return stringRep == null ? null : stringRep.apply(o);
    }

    @Override
    public <V> WriteHandler<T, V> getVerboseHandler() {
      return null;
    }
  }

  /** A tagged value: {@code ["~#tag", rep]}, or {@code "~xrep"} for a single-character tag on a string. */
  private static final class TaggedHandler implements WriteHandler<Tagged, Object> {
    @Override
    public String tag(Tagged t) {
      return t.tag().qualifiedName();
    }

    @Override
    public Object rep(Tagged t) {
      return t.value();
    }

    @Override
    public String stringRep(Tagged t) {
      return t.value() instanceof String ? (String) t.value() : null;
    }

    @Override
    public <V> WriteHandler<Tagged, V> getVerboseHandler() {
      return null;
    }
  }

  /** A float is written as the double it widens to, as the data model says (so {@code 0.1f} is not "0.1"). */
  private static final class FloatHandler implements WriteHandler<Float, Object> {
    @Override
    public String tag(Float f) {
      return f.isNaN() || f.isInfinite() ? "z" : "d";
    }

    @Override
    public Object rep(Float f) {
      if (f.isNaN()) {
        return "NaN";
      } else if (f.isInfinite()) {
        return f > 0 ? "INF" : "-INF";
      }
      return (double) f;
    }

    @Override
    public String stringRep(Float f) {
      return rep(f).toString();
    }

    @Override
    public <V> WriteHandler<Float, V> getVerboseHandler() {
      return null;
    }
  }
}
