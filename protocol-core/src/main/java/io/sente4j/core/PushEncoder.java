package io.sente4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Packs push batches into frames within the frame limit, leaving out and reporting what cannot be sent. */
final class PushEncoder {
  private final FrameCodec codec;
  private final Consumer<ServerError> report;

  PushEncoder(FrameCodec codec, Consumer<ServerError> report) {
    this.codec = codec;
    this.report = report;
  }

  /** A packed push frame and the events it carries. */
  record PackedPush(Payload payload, List<Event> events) {}

  /**
   * The batch, whose events were checked as pushable when they were sent, as push frames, in order: one frame, or
   * more when one would hold more events than the packer's collection limit or be larger than its input limit (limits
   * the client applies too, PROTOCOL.md §11.1). Events the packer refuses, and events over the frame limit on their
   * own, are left out and reported.
   */
  List<PackedPush> encode(Object uid, String clientId, List<Event> batch) {
    // A frame's events are one vector: over the collection limit the client would refuse the whole frame.
    int maxEvents = Math.max(1, codec.packer().limits().maxCollectionSize());
    if (batch.size() > maxEvents) {
      List<PackedPush> frames = new ArrayList<>();
      for (int from = 0; from < batch.size(); from += maxEvents) {
        frames.addAll(encode(uid, clientId, batch.subList(from, Math.min(batch.size(), from + maxEvents))));
      }
      return frames;
    }
    PackedPush whole = encodePackable(uid, clientId, batch);
    if (whole == null) {
      return List.of();
    }
    int limit = codec.packer().limits().maxInputBytes();
    if (whole.payload().fitsIn(limit)) {
      return List.of(whole);
    }
    if (batch.size() == 1) {
      report.accept(new ServerError(ServerError.Kind.SEND_FAILED, uid, clientId, "event " + batch.get(0).id()
          + " packs to " + whole.payload().byteLength() + " bytes, over the frame limit of " + limit + "; dropped",
          null));
      return List.of();
    }
    List<PackedPush> frames = new ArrayList<>(encode(uid, clientId, batch.subList(0, batch.size() / 2)));
    frames.addAll(encode(uid, clientId, batch.subList(batch.size() / 2, batch.size())));
    return frames;
  }

  /**
   * The packed push, leaving out (and reporting) the events the packer refuses; null when nothing is left. A packer
   * refuses with a {@link PackerException}, or, a third party's, with any other exception, an {@code Error} that is
   * not a {@link VirtualMachineError}, or a {@code null} payload (which the codec turns into a PackerException): each
   * drops only the events it fails on, reported with the cause, never the batch of every connection still to be
   * served, and nothing of it reaches the pushing thread.
   */
  private PackedPush encodePackable(Object uid, String clientId, List<Event> batch) {
    try {
      return new PackedPush(codec.encodePush(batch), batch);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error whole) {
      List<Event> packable = new ArrayList<>(batch.size());
      for (Event e : batch) {
        try {
          codec.encodeEvent(e);
          packable.add(e);
        } catch (VirtualMachineError vm) {
          throw vm;
        } catch (RuntimeException | Error one) {
          report.accept(new ServerError(ServerError.Kind.SEND_FAILED, uid, clientId,
              "event " + e.id() + " cannot be packed; dropped: " + why(one), one));
        }
      }
      if (packable.size() == batch.size()) {
        report.accept(new ServerError(ServerError.Kind.SEND_FAILED, uid, clientId,
            "a push of " + batch.size() + " event(s) cannot be packed; dropped: " + why(whole), whole));
        return null;
      }
      return packable.isEmpty() ? null : encodePackable(uid, clientId, packable);
    }
  }

  /** A packer's failure in words: a {@link PackerException} says what is wrong itself; anything else is a bug. */
  private String why(Throwable e) {
    return e instanceof PackerException ? e.getMessage() : "the packer " + codec.packer().name() + " threw " + e;
  }
}
