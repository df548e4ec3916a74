package io.sente4j.core;

/**
 * The {@link java.util.ServiceLoader} entry point of a packer artifact: register an implementation in {@code
 * META-INF/services/io.sente4j.core.PackerProvider}. It needs a public no-argument constructor.
 */
public interface PackerProvider {

  /** The packer's name; unique among the providers on the class path. */
  String name();

  /** Creates a packer that enforces the given limits. */
  Packer create(PackerLimits limits);

  /** Creates a packer with {@link PackerLimits#defaults()}. */
  default Packer create() {
    return create(PackerLimits.defaults());
  }
}
