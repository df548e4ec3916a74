package io.sente4j.core;

import io.sente4j.core.internal.Names;
import java.util.Objects;
import java.util.Optional;

/**
 * An edn keyword such as {@code :chat/send}: an optional namespace and a name, compared by value.
 *
 * <p>Keywords are not interned: a peer sending ever-new names cannot grow any cache. Event ids are namespaced
 * keywords; the {@code chsk} namespace is reserved for the protocol (see {@link Chsk}).
 *
 * <p>Names follow the edn rules, read as liberally as Clojure reads them: letters and digits of any script,
 * {@code . * + ! - _ ? $ % & = < >}, and after the first character {@code : # '}. The namespace, and a name without
 * a namespace, may start with a digit ({@code :2024}, {@code :3d/model}), as Clojure reads them; the name after a
 * namespace may not ({@code :a/1b} does not read). {@code /} only separates the namespace from the name.
 */
public final class Keyword implements Comparable<Keyword> {
  private final String namespace;
  private final String name;
  private final int hash;

  private Keyword(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
    this.hash = 31 * Objects.hashCode(namespace) + name.hashCode() + 0x6b;
  }

  /**
   * Returns the keyword with the given namespace and name.
   *
   * @param namespace the namespace, or {@code null} for none
   * @param name the name
   * @throws IllegalArgumentException if either part breaks the naming rules
   */
  public static Keyword of(String namespace, String name) {
    Objects.requireNonNull(name, "name");
    check(namespace, name);
    return new Keyword(namespace, name);
  }

  /**
   * Parses {@code "ns/name"} or {@code "name"} (without the leading colon) into a keyword.
   *
   * @throws IllegalArgumentException if the text is not a legal keyword
   */
  public static Keyword of(String qualifiedName) {
    Objects.requireNonNull(qualifiedName, "qualifiedName");
    int slash = qualifiedName.indexOf('/');
    if (slash < 0) {
      return of(null, qualifiedName);
    }
    return of(qualifiedName.substring(0, slash), qualifiedName.substring(slash + 1));
  }

  private static void check(String namespace, String name) {
    if (namespace != null) {
      String p = Names.problem(namespace, true);
      if (p != null) {
        throw new IllegalArgumentException("keyword namespace \"" + namespace + "\" " + p);
      }
    }
    String p = Names.problem(name, true, namespace != null);
    if (p != null) {
      throw new IllegalArgumentException("keyword name \"" + name + "\" " + p);
    }
  }

  /** The namespace, if there is one. */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** Whether the keyword has a namespace, as every event id must. */
  public boolean hasNamespace() {
    return namespace != null;
  }

  /** Whether this keyword is in the given namespace. */
  public boolean isIn(String ns) {
    return ns.equals(namespace);
  }

  /** The name, without the namespace. */
  public String name() {
    return name;
  }

  /** {@code "ns/name"}, or {@code "name"} when there is no namespace; no leading colon. */
  public String qualifiedName() {
    return namespace == null ? name : namespace + "/" + name;
  }

  /** The edn form, {@code :ns/name}. */
  @Override
  public String toString() {
    return ":" + qualifiedName();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Keyword)) {
      return false;
    }
    Keyword k = (Keyword) o;
    return hash == k.hash && name.equals(k.name) && Objects.equals(namespace, k.namespace);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Orders keywords without a namespace first, then by namespace, then by name. */
  @Override
  public int compareTo(Keyword o) {
    return Names.compare(namespace, name, o.namespace, o.name);
  }
}
