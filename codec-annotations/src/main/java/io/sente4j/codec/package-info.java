/**
 * Typed events: the annotations that describe an application's events once, in Java, and the small runtime the
 * code generated from them calls.
 *
 * <pre>{@code
 * @EventSchema(namespace = "chat")
 * public interface Chat {
 *   @ClientEvent(name = "send", reply = SendAck.class) record Send(String room, String text) {}
 *   @ServerPush(name = "message") record Message(String room, String from, String text, Instant at) {}
 *   record SendAck(long id) {}
 * }
 * }</pre>
 *
 * <p>The {@code codec-generator} annotation processor turns such a schema into {@code ChatCodecs} (a
 * {@link io.sente4j.codec.RecordCodec} per record), {@code ChatEvents} (the event ids and their
 * {@link io.sente4j.codec.EventSpec}s), {@code ChatClient} (typed sends and push handlers), and {@code ChatHandler},
 * {@code ChatAsyncHandler} and {@code ChatServer} (typed handlers and pushes). The generated code uses no
 * reflection; a value that does not fit its record fails with a {@link io.sente4j.codec.CodecException} naming the
 * event and the field.
 */
package io.sente4j.codec;
