package io.sente4j.codec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record, declared inside an {@link EventSchema} interface, as an event a client sends to the server. The
 * record is the event's data.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ClientEvent {

  /**
   * The event's name, the part of its id after the namespace ({@code send} in {@code :chat/send}); default: the
   * record's simple name in kebab case ({@code SendMessage} becomes {@code send-message}).
   */
  String name() default "";

  /**
   * The record the server replies with; default {@code Void.class}: the event wants no reply. It must be a record
   * (declare a reply of one value as, say, {@code record SendAck(long id) {}}).
   */
  Class<?> reply() default Void.class;
}
