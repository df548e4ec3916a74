package io.sente4j.codec;

/** How the names of record components and enum constants become keyword names in the data. */
public enum NameStyle {
  /** As written in Java: component {@code fromUser} is {@code :fromUser}, constant {@code DARK_RED} {@code :DARK_RED}. */
  AS_WRITTEN,
  /**
   * Lower-case words joined by hyphens, as Clojure peers expect: component {@code fromUser} is {@code :from-user},
   * constant {@code DARK_RED} is {@code :dark-red}.
   */
  KEBAB_CASE
}
