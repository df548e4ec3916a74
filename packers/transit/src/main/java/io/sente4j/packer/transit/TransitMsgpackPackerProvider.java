package io.sente4j.packer.transit;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.PackerProvider;

/**
 * Registers {@link TransitMsgpackPacker} under the name {@value TransitMsgpackPacker#NAME} with {@link
 * java.util.ServiceLoader}, through {@code META-INF/services/io.sente4j.core.PackerProvider}.
 */
public final class TransitMsgpackPackerProvider implements PackerProvider {
  // The packer holds transit-java's handler map, worth sharing; the packer is immutable.
  private static final TransitMsgpackPacker DEFAULT = new TransitMsgpackPacker();

  /** Called by {@link java.util.ServiceLoader}. */
  public TransitMsgpackPackerProvider() {}

  @Override
  public String name() {
    return TransitMsgpackPacker.NAME;
  }

  /** The shared default packer when {@code limits} are the defaults, otherwise a new one. */
  @Override
  public Packer create(PackerLimits limits) {
    return limits.equals(PackerLimits.defaults()) ? DEFAULT : new TransitMsgpackPacker(limits);
  }
}
