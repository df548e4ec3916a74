package io.sente4j.core;

/**
 * Test-only {@link PackerProvider}s. {@link Alpha} and {@link Beta} are registered for {@link java.util.ServiceLoader}
 * in {@code src/test/resources/META-INF/services/io.sente4j.core.PackerProvider}.
 */
public final class TestProviders {
  private TestProviders() {}

  /** A packer that packs nothing and remembers its name and limits. */
  record FakePacker(String name, PackerLimits limits) implements Packer {
    @Override
    public boolean isBinary() {
      return false;
    }

    @Override
    public boolean carriesKeywords() {
      return true;
    }

    @Override
    public Payload pack(Object value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object unpack(Payload payload) {
      throw new UnsupportedOperationException();
    }
  }

  /** Provides {@code "alpha"}. */
  public static final class Alpha implements PackerProvider {
    @Override
    public String name() {
      return "alpha";
    }

    @Override
    public Packer create(PackerLimits limits) {
      return new FakePacker(name(), limits);
    }
  }

  /** Provides {@code "beta"}. */
  public static final class Beta implements PackerProvider {
    @Override
    public String name() {
      return "beta";
    }

    @Override
    public Packer create(PackerLimits limits) {
      return new FakePacker(name(), limits);
    }
  }

  /** Another class that also provides {@code "alpha"}. */
  public static final class OtherAlpha implements PackerProvider {
    @Override
    public String name() {
      return "alpha";
    }

    @Override
    public Packer create(PackerLimits limits) {
      return new FakePacker(name(), limits);
    }
  }

  /** A broken provider without a name. */
  public static final class Nameless implements PackerProvider {
    @Override
    public String name() {
      return null;
    }

    @Override
    public Packer create(PackerLimits limits) {
      throw new UnsupportedOperationException();
    }
  }
}
