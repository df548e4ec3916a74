package io.sente4j.core;

import io.sente4j.core.internal.Names;
import java.util.Objects;
import java.util.Optional;

/**
 * An edn symbol such as {@code my.app/handler}: an optional namespace and a name, compared by value.
 *
 * <p>Symbols follow the edn rules: the first character is not a digit (of any script: clojure.edn reads a token
 * that starts with one as a number), and a leading {@code -}, {@code +} or {@code .} is not followed by a digit. The lone symbol {@code /} and a name of {@code /} in a namespace
 * ({@code foo//}) are legal. {@code nil}, {@code true} and {@code false} are literals, not symbols. Symbols are not
 * interned.
 */
public final class Symbol implements Comparable<Symbol> {
  private final String namespace;
  private final String name;
  private final int hash;

  private Symbol(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
    this.hash = 31 * Objects.hashCode(namespace) + name.hashCode() + 0x73;
  }

  /**
   * Returns the symbol with the given namespace and name.
   *
   * @param namespace the namespace, or {@code null} for none
   * @param name the name
   * @throws IllegalArgumentException if either part breaks the naming rules
   */
  public static Symbol of(String namespace, String name) {
    Objects.requireNonNull(name, "name");
    if (namespace != null) {
      String p = Names.problem(namespace, false);
      if (p != null) {
        throw new IllegalArgumentException("symbol namespace \"" + namespace + "\" " + p);
      }
    }
    if (!name.equals("/")) {
      String p = Names.problem(name, false, namespace != null);
      if (p != null) {
        throw new IllegalArgumentException("symbol name \"" + name + "\" " + p);
      }
      if (namespace == null && (name.equals("nil") || name.equals("true") || name.equals("false"))) {
        throw new IllegalArgumentException("\"" + name + "\" is a literal, not a symbol");
      }
    }
    return new Symbol(namespace, name);
  }

  /**
   * Parses {@code "ns/name"}, {@code "name"} or {@code "/"} into a symbol.
   *
   * @throws IllegalArgumentException if the text is not a legal symbol
   */
  public static Symbol of(String qualifiedName) {
    Objects.requireNonNull(qualifiedName, "qualifiedName");
    int slash = qualifiedName.indexOf('/');
    if (slash < 0 || qualifiedName.equals("/")) {
      return of(null, qualifiedName);
    }
    return of(qualifiedName.substring(0, slash), qualifiedName.substring(slash + 1));
  }

  /** The namespace, if there is one. */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** Whether the symbol has a namespace. */
  public boolean hasNamespace() {
    return namespace != null;
  }

  /** The name, without the namespace. */
  public String name() {
    return name;
  }

  /** {@code "ns/name"}, or {@code "name"} when there is no namespace. */
  public String qualifiedName() {
    return namespace == null ? name : namespace + "/" + name;
  }

  /** The edn form, {@code ns/name}. */
  @Override
  public String toString() {
    return qualifiedName();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Symbol)) {
      return false;
    }
    Symbol s = (Symbol) o;
    return hash == s.hash && name.equals(s.name) && Objects.equals(namespace, s.namespace);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Orders symbols without a namespace first, then by namespace, then by name. */
  @Override
  public int compareTo(Symbol o) {
    return Names.compare(namespace, name, o.namespace, o.name);
  }
}
