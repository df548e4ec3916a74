package io.sente4j.codec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose member records are the events of one namespace. Records annotated with
 * {@link ClientEvent} go from client to server, records annotated with {@link ServerPush} from server to client;
 * other member records (replies, nested values) only get a codec.
 *
 * <p>For an interface {@code Chat} the {@code codec-generator} processor writes {@code ChatCodecs},
 * {@code ChatEvents}, {@code ChatClient}, {@code ChatHandler}, {@code ChatAsyncHandler} and {@code ChatServer} into
 * the interface's package.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EventSchema {

  /** The namespace of every event id, as in {@code :chat/send}; {@code chsk} is reserved by the protocol. */
  String namespace();

  /** How record component names (and enum constants) become keywords; default {@link NameStyle#AS_WRITTEN}. */
  NameStyle names() default NameStyle.AS_WRITTEN;
}
