package io.sente4j.core;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A packer that counts its {@code pack} calls and packs with another, concatenating lists only if told to. */
class CountingPacker implements Packer {
  final AtomicInteger packs = new AtomicInteger();
  private final Packer packer;
  private final boolean concatenates;

  /** Packs with {@code packer}; concatenates lists through it when {@code concatenates}, else answers null. */
  CountingPacker(Packer packer, boolean concatenates) {
    this.packer = packer;
    this.concatenates = concatenates;
  }

  @Override
  public String name() {
    return packer.name();
  }

  @Override
  public boolean isBinary() {
    return packer.isBinary();
  }

  @Override
  public boolean carriesKeywords() {
    return packer.carriesKeywords();
  }

  @Override
  public PackerLimits limits() {
    return packer.limits();
  }

  @Override
  public Payload pack(Object value) {
    packs.incrementAndGet();
    return packer.pack(value);
  }

  @Override
  public Object unpack(Payload payload) {
    return packer.unpack(payload);
  }

  @Override
  public Payload concatLists(List<Payload> lists) {
    return concatenates ? packer.concatLists(lists) : null;
  }
}
