package io.sente4j.core;

/**
 * A packer that only answers the questions {@link FrameCodec#fromWire} and {@link FrameCodec#toWire} ask: whether it
 * is binary and whether it carries keywords. It packs nothing.
 */
final class StubPacker implements Packer {
  static final StubPacker WITH_KEYWORDS = new StubPacker(true);
  static final StubPacker WITHOUT_KEYWORDS = new StubPacker(false);

  private final boolean carriesKeywords;

  private StubPacker(boolean carriesKeywords) {
    this.carriesKeywords = carriesKeywords;
  }

  @Override
  public String name() {
    return carriesKeywords ? "stub" : "stub-no-keywords";
  }

  @Override
  public boolean isBinary() {
    return false;
  }

  @Override
  public boolean carriesKeywords() {
    return carriesKeywords;
  }

  @Override
  public PackerLimits limits() {
    return PackerLimits.defaults();
  }

  @Override
  public Payload pack(Object value) {
    throw new UnsupportedOperationException("the stub packer packs nothing");
  }

  @Override
  public Object unpack(Payload payload) {
    throw new UnsupportedOperationException("the stub packer unpacks nothing");
  }
}
