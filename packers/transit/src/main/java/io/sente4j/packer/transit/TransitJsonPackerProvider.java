package io.sente4j.packer.transit;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.PackerProvider;

/**
 * Registers {@link TransitJsonPacker} under the name {@value TransitJsonPacker#NAME} with {@link
 * java.util.ServiceLoader}, through {@code META-INF/services/io.sente4j.core.PackerProvider}.
 */
public final class TransitJsonPackerProvider implements PackerProvider {
  // The packer holds a Jackson factory and transit-java's handler map, worth sharing; the packer is immutable.
  private static final TransitJsonPacker DEFAULT = new TransitJsonPacker();

  /** Called by {@link java.util.ServiceLoader}. */
  public TransitJsonPackerProvider() {}

  @Override
  public String name() {
    return TransitJsonPacker.NAME;
  }

  /** The shared default packer when {@code limits} are the defaults, otherwise a new one. */
  @Override
  public Packer create(PackerLimits limits) {
    return limits.equals(PackerLimits.defaults()) ? DEFAULT : new TransitJsonPacker(limits);
  }
}
