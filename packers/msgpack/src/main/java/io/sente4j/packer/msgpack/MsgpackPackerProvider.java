package io.sente4j.packer.msgpack;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.PackerProvider;

/**
 * Registers {@link MsgpackPacker} under the name {@value MsgpackPacker#NAME} with {@link java.util.ServiceLoader},
 * through {@code META-INF/services/io.sente4j.core.PackerProvider}.
 */
public final class MsgpackPackerProvider implements PackerProvider {
  private static final MsgpackPacker DEFAULT = new MsgpackPacker();

  /** Called by {@link java.util.ServiceLoader}. */
  public MsgpackPackerProvider() {}

  @Override
  public String name() {
    return MsgpackPacker.NAME;
  }

  /** The shared default packer when {@code limits} are the defaults, otherwise a new one. */
  @Override
  public Packer create(PackerLimits limits) {
    return limits.equals(PackerLimits.defaults()) ? DEFAULT : new MsgpackPacker(limits);
  }
}
