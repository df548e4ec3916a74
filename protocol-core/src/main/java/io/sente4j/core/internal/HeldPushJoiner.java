package io.sente4j.core.internal;

import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the batches held for one Ajax client into the push frame its poll takes (PROTOCOL.md §5.4: the server may
 * join them, in order): the longest leading run of them that the client can read as one frame. The frame's events are
 * one vector, within the packer's collection limit, and the frame is within its input limit: the server's packer
 * stands in for the client's, as for every push. Each batch alone is within both (PushEncoder made it so), so a poll
 * always takes at least the first.
 */
final class HeldPushJoiner {
  private static final Logger LOG = LoggerFactory.getLogger(AjaxClient.class); // logged as the client's, as before

  /**
   * A poll's answer.
   *
   * @param push the first {@code batches} held batches as one push frame
   * @param batches how many batches it carries, at least 1
   */
  record Joined(Payload push, int batches) {}

  private final FrameCodec codec;
  private final Object uid;
  private final String clientId;

  /** A joiner for the client of {@code uid} and {@code clientId}, whose pushes {@code codec} packs. */
  HeldPushJoiner(FrameCodec codec, Object uid, String clientId) {
    this.codec = codec;
    this.uid = uid;
    this.clientId = clientId;
  }

  /**
   * The longest leading run of {@code batches} within the limits, as one push frame: spliced from their packed frames
   * where the packer can, else packed again. Where the packer fails (with anything but a {@link
   * VirtualMachineError}), the first batch alone: the batches then go one by one.
   *
   * @param batches the held batches, oldest first; not empty
   */
  Joined join(List<HeldPushes.Batch> batches) {
    HeldPushes.Batch first = batches.get(0);
    PackerLimits limits = codec.packer().limits();
    int n = 1;
    long events = first.events().size();
    while (n < batches.size() && events + batches.get(n).events().size() <= limits.maxCollectionSize()) {
      events += batches.get(n).events().size();
      n++;
    }
    if (n == 1) {
      return new Joined(first.packed(), 1);
    }
    try {
      Payload all = joined(batches.subList(0, n));
      if (all.fitsIn(limits.maxInputBytes())) {
        return new Joined(all, n);
      }
      // A frame grows with the batches it joins: the longest run within the limit, by bisection.
      int fits = 1;
      Payload fitting = first.packed();
      int over = n;
      while (over - fits > 1) {
        int mid = (fits + over) >>> 1;
        Payload p = joined(batches.subList(0, mid));
        if (p.fitsIn(limits.maxInputBytes())) {
          fits = mid;
          fitting = p;
        } else {
          over = mid;
        }
      }
      return new Joined(fitting, fits);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error e) { // a third party's packer's: not for the pushing or the transport's thread
      Mdc.run(uid, clientId, () -> LOG.debug("Held pushes cannot be joined; sending them one by one", e));
      return new Joined(first.packed(), 1);
    }
  }

  /** The batches as one push frame: spliced where the packer can join packed lists, else packed again. */
  private Payload joined(List<HeldPushes.Batch> batches) {
    Payload spliced = spliced(batches);
    if (spliced != null) {
      return spliced;
    }
    List<Event> all = new ArrayList<>();
    batches.forEach(b -> all.addAll(b.events()));
    return codec.encode(new Frame.Push(all));
  }

  /** The batches' packed frames joined by the packer, or {@code null} where it cannot (or fails to) join them. */
  private Payload spliced(List<HeldPushes.Batch> batches) {
    List<Payload> packed = new ArrayList<>(batches.size());
    batches.forEach(b -> packed.add(b.packed()));
    try {
      return codec.joinPushes(packed);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      Mdc.run(uid, clientId, () -> LOG.debug("The packer failed to join held pushes; packing them again", e));
      return null;
    }
  }
}
