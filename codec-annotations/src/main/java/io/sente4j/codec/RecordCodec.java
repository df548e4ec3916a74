package io.sente4j.codec;

import io.sente4j.core.Keyword;
import java.util.Map;

/**
 * Turns one record type into a value of the data model (a map with keyword keys) and back, without reflection.
 * The {@code codec-generator} processor writes one for every record a schema reaches. Thread-safe.
 *
 * @param <T> the record type
 */
public interface RecordCodec<T extends Record> {

  /** The record type. */
  Class<T> type();

  /**
   * The record as a map of keyword keys, in component order; an empty {@code Optional} component leaves its key
   * out. The map is new and belongs to the caller; it is not wrapped in an unmodifiable view, since it is usually
   * packed at once and a packer walks a plain map's entries faster than a view's.
   *
   * @throws CodecException if a component (or an element inside one) is {@code null}
   */
  Map<Keyword, Object> encode(T value);

  /**
   * The record from a value of the data model. Keys may be keywords or, as a JSON peer delivers them, strings; the
   * other normalised forms of lossy packers (strings for keywords, enums, instants, UUIDs and bytes; lists for sets;
   * doubles for decimals) are read too.
   *
   * @throws CodecException if a field is missing, of the wrong type or out of range, naming the field
   */
  T decode(Object data);

  /**
   * {@link #encode(Record)} for the data of the event {@code id}.
   *
   * @throws CodecException naming the event and the field
   */
  default Map<Keyword, Object> encodeEvent(Keyword id, T value) {
    try {
      return encode(value);
    } catch (CodecException e) {
      throw e.forEvent(id);
    }
  }

  /**
   * {@link #encode(Record)} for the reply to the event {@code id}.
   *
   * @throws CodecException naming the event, "reply" and the field
   */
  default Map<Keyword, Object> encodeReply(Keyword id, T value) {
    try {
      return encode(value);
    } catch (CodecException e) {
      throw e.forReplyTo(id);
    }
  }

  /**
   * {@link #decode(Object)} for the data of the event {@code id}.
   *
   * @throws CodecException naming the event and the field
   */
  default T decodeEvent(Keyword id, Object data) {
    try {
      return decode(data);
    } catch (CodecException e) {
      throw e.forEvent(id);
    }
  }

  /**
   * {@link #decode(Object)} for the reply to the event {@code id}.
   *
   * @throws CodecException naming the event, "reply" and the field
   */
  default T decodeReply(Keyword id, Object reply) {
    try {
      return decode(reply);
    } catch (CodecException e) {
      throw e.forReplyTo(id);
    }
  }
}
