package io.sente4j.core;

import java.util.Objects;

/**
 * A tagged value whose tag the reader does not know, such as edn {@code #my.app/point [1 2]}. It is kept rather than
 * dropped, and written back unchanged.
 *
 * @param tag the tag, a symbol such as {@code my.app/point}; edn requires user tags to have a namespace, but readers
 *     keep unprefixed ones too
 * @param value the tagged value, any value of the data model (including {@code null})
 */
public record Tagged(Symbol tag, Object value) {
  /** Checks that the tag is present. */
  public Tagged {
    Objects.requireNonNull(tag, "tag");
  }

  /** The edn form, {@code #tag value} (the value as {@link Object#toString}). */
  @Override
  public String toString() {
    return "#" + tag + " " + value;
  }
}
