package io.sente4j.core;

import java.util.function.Supplier;

/**
 * The toy text packer, broken as a third party's packer may be on any value whose text ({@code String.valueOf})
 * holds a marker: {@link #pack} returns {@code null} there (against the SPI), or throws something other than a
 * {@link PackerException}, an {@code Error} even.
 */
final class FaultyPacker implements Packer {
  /** Returns null for any value holding the string {@code "nothing"}. */
  static final FaultyPacker NULLING = returningNullOn("nothing");

  private final String name;
  private final String marker;
  private final Supplier<Payload> onMarker;

  private FaultyPacker(String name, String marker, Supplier<Payload> onMarker) {
    this.name = name;
    this.marker = marker;
    this.onMarker = onMarker;
  }

  /** A packer named {@code nulling} whose {@code pack} returns null for any value holding {@code marker}. */
  static FaultyPacker returningNullOn(String marker) {
    return new FaultyPacker("nulling", marker, () -> null);
  }

  /** A packer named {@code throwing} whose {@code pack} throws an {@link IllegalStateException} there. */
  static FaultyPacker throwingOn(String marker) {
    return new FaultyPacker("throwing", marker, () -> {
      throw new IllegalStateException("the packer's own bug (expected in this test)");
    });
  }

  /** A packer named {@code erring} whose {@code pack} throws an {@link AssertionError} (an Error, not a VM's) there. */
  static FaultyPacker erringOn(String marker) {
    return new FaultyPacker("erring", marker, () -> {
      throw new AssertionError("the packer's own assertion (expected in this test)");
    });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isBinary() {
    return false;
  }

  @Override
  public boolean carriesKeywords() {
    return ToyPacker.TEXT.carriesKeywords();
  }

  @Override
  public PackerLimits limits() {
    return ToyPacker.TEXT.limits();
  }

  @Override
  public Payload pack(Object value) {
    return String.valueOf(value).contains(marker) ? onMarker.get() : ToyPacker.TEXT.pack(value);
  }

  @Override
  public Object unpack(Payload payload) {
    return ToyPacker.TEXT.unpack(payload);
  }
}
