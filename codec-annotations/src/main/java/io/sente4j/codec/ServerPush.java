package io.sente4j.codec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record, declared inside an {@link EventSchema} interface, as an event the server pushes to users. The
 * record is the event's data.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ServerPush {

  /**
   * The event's name, the part of its id after the namespace ({@code message} in {@code :chat/message}); default:
   * the record's simple name in kebab case.
   */
  String name() default "";
}
