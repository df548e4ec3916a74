package io.sente4j.core;

/**
 * The toy text packer, broken as a third party's packer may be: {@link #pack} returns {@code null} for any value
 * whose text holds a marker, against the SPI, instead of a payload or a {@link PackerException}.
 */
final class NullingPacker implements Packer {
  /** Returns null for any value holding the string {@code "nothing"}. */
  static final NullingPacker INSTANCE = on("nothing");
  static final String NAME = "nulling";

  private final String marker;

  private NullingPacker(String marker) {
    this.marker = marker;
  }

  /** A packer that returns null for any value whose text ({@code String.valueOf}) holds {@code marker}. */
  static NullingPacker on(String marker) {
    return new NullingPacker(marker);
  }

  @Override
  public String name() {
    return NAME;
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
    return String.valueOf(value).contains(marker) ? null : ToyPacker.TEXT.pack(value);
  }

  @Override
  public Object unpack(Payload payload) {
    return ToyPacker.TEXT.unpack(payload);
  }
}
