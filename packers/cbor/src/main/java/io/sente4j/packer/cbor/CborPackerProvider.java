package io.sente4j.packer.cbor;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.PackerProvider;

/**
 * Registers {@link CborPacker} under the name {@value CborPacker#NAME} with {@link java.util.ServiceLoader}, through
 * {@code META-INF/services/io.sente4j.core.PackerProvider}.
 */
public final class CborPackerProvider implements PackerProvider {
  // A packer holds a Jackson factory, whose set-up is worth sharing; the packer is immutable.
  private static final CborPacker DEFAULT = new CborPacker();

  /** Called by {@link java.util.ServiceLoader}. */
  public CborPackerProvider() {}

  @Override
  public String name() {
    return CborPacker.NAME;
  }

  /** The shared default packer when {@code limits} are the defaults, otherwise a new one. */
  @Override
  public Packer create(PackerLimits limits) {
    return limits.equals(PackerLimits.defaults()) ? DEFAULT : new CborPacker(limits);
  }
}
