package io.sente4j.packer.json;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.PackerProvider;

/**
 * Registers {@link JsonPacker} under the name {@value JsonPacker#NAME} with {@link java.util.ServiceLoader}, through
 * {@code META-INF/services/io.sente4j.core.PackerProvider}.
 */
public final class JsonPackerProvider implements PackerProvider {
  // A packer holds a Jackson factory, whose set-up and name tables are worth sharing; the packer is immutable.
  private static final JsonPacker DEFAULT = new JsonPacker();

  /** Called by {@link java.util.ServiceLoader}. */
  public JsonPackerProvider() {}

  @Override
  public String name() {
    return JsonPacker.NAME;
  }

  /** The shared default packer when {@code limits} are the defaults, otherwise a new one. */
  @Override
  public Packer create(PackerLimits limits) {
    return limits.equals(PackerLimits.defaults()) ? DEFAULT : new JsonPacker(limits);
  }
}
