package io.sente4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The packers available to an application, found once with {@link ServiceLoader} (or given explicitly) and looked
 * up by name. Immutable and thread-safe.
 *
 * <pre>{@code
 * PackerRegistry packers = PackerRegistry.load();
 * Packer edn = packers.get("edn");
 * }</pre>
 */
public final class PackerRegistry {
  private final Map<String, PackerProvider> providers;

  private PackerRegistry(Map<String, PackerProvider> providers) {
    this.providers = Collections.unmodifiableMap(providers);
  }

  /** Finds the providers visible to the thread's context class loader (or, if none, this class's). */
  public static PackerRegistry load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(loader != null ? loader : PackerRegistry.class.getClassLoader());
  }

  /**
   * Finds the providers visible to {@code loader}. The same provider class found twice (the same jar on the class
   * path twice) counts once.
   *
   * @throws IllegalStateException if providers of two different classes share a name
   */
  public static PackerRegistry load(ClassLoader loader) {
    List<PackerProvider> found = new ArrayList<>();
    ServiceLoader.load(PackerProvider.class, loader).forEach(found::add);
    return of(found);
  }

  /**
   * A registry of exactly these providers. A second provider of the same class and name is ignored.
   *
   * @throws IllegalStateException if providers of two different classes share a name
   */
  public static PackerRegistry of(List<? extends PackerProvider> providers) {
    Map<String, PackerProvider> byName = new TreeMap<>();
    for (PackerProvider p : providers) {
      PackerProvider previous = byName.putIfAbsent(Objects.requireNonNull(p.name(), "provider name"), p);
      if (previous != null && previous.getClass() != p.getClass()) {
        throw new IllegalStateException("two packers are named \"" + p.name() + "\": "
            + previous.getClass().getName() + " and " + p.getClass().getName());
      }
    }
    return new PackerRegistry(byName);
  }

  /** The registered names, sorted. */
  public List<String> names() {
    return List.copyOf(providers.keySet());
  }

  /** Whether a packer of this name is registered. */
  public boolean contains(String name) {
    return providers.containsKey(name);
  }

  /**
   * The provider of the named packer.
   *
   * @throws UnknownPackerException if there is none; the message lists the names there are
   */
  public PackerProvider provider(String name) {
    PackerProvider p = providers.get(name);
    if (p == null) {
      throw new UnknownPackerException(name, names());
    }
    return p;
  }

  /**
   * A packer of this name with default limits.
   *
   * @throws UnknownPackerException if there is none
   */
  public Packer get(String name) {
    return provider(name).create();
  }

  /**
   * A packer of this name with the given limits.
   *
   * @throws UnknownPackerException if there is none
   */
  public Packer get(String name, PackerLimits limits) {
    return provider(name).create(limits);
  }
}
