package io.sente4j.packer.edn;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.PackerProvider;

/** Registers the {@link EdnPacker} with {@link java.util.ServiceLoader} under the name {@code "edn"}. */
public final class EdnPackerProvider implements PackerProvider {
  /** For {@link java.util.ServiceLoader}. */
  public EdnPackerProvider() {}

  @Override
  public String name() {
    return EdnPacker.NAME;
  }

  @Override
  public Packer create(PackerLimits limits) {
    return new EdnPacker(limits);
  }
}
