package io.sente4j.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Joins packed push frames ({@code [[event …] nil]}) into one without packing their events again: it cuts each
 * frame's packed list of events out from between the frame's fixed prefix and suffix, has the packer concatenate the
 * lists ({@link Packer#concatLists}) and puts the prefix and suffix back around the result.
 *
 * <p>The prefix and suffix are found once, by packing an empty push and an empty list: the list sits in the frame
 * between them. That holds only for a packer that writes a list inside a frame as it writes it alone, which {@link
 * Packer#concatLists} requires of a packer that implements it. A trial join of two probe pushes must give exactly the
 * bytes of packing the two together, or the splicer stays off and {@link #join} always answers {@code null}.
 */
final class PushSplicer {
  private static final Keyword PROBE = Keyword.of("sente4j", "probe");
  /** Long enough for a format that caches only longer strings (Transit caches those of four chars or more). */
  private static final String TEXT = "sente4j-probe";
  /**
   * Pairs of probe events, each joined from two pushes. Their keyword, and a string as map key and as value, repeat
   * across the two: a format that caches what a message repeats must renumber its references when it concatenates.
   * The second pair, without maps, is for a packer that refuses the first.
   */
  private static final List<List<Event>> PROBES = List.of(
      List.of(new Event(PROBE, Map.of(TEXT, List.of(1L, TEXT))), new Event(PROBE, Map.of(TEXT, TEXT))),
      List.of(new Event(PROBE, List.of(1L, TEXT)), new Event(PROBE, TEXT)));

  private final Packer packer;
  /** The packed frame's bytes before its list of events, or {@code null} when off. */
  private final byte[] prefix;
  /** The packed frame's bytes after its list of events. */
  private final byte[] suffix;
  /** {@link #prefix} and {@link #suffix} as text, for a text packer. */
  private final String textPrefix;
  private final String textSuffix;

  private PushSplicer(Packer packer, byte[] prefix, byte[] suffix) {
    this.packer = packer;
    this.prefix = prefix;
    this.suffix = suffix;
    this.textPrefix = prefix == null ? null : new String(prefix, StandardCharsets.UTF_8);
    this.textSuffix = suffix == null ? null : new String(suffix, StandardCharsets.UTF_8);
  }

  /**
   * The splicer for a packer, checked on probe pushes; one that is off where the packer cannot concatenate lists,
   * fails on the probes, or gives other bytes than packing them together does.
   *
   * @param encodePush packs a push of events as the frame layer does
   */
  static PushSplicer of(Packer packer, Function<List<Event>, Payload> encodePush) {
    PushSplicer off = new PushSplicer(packer, null, null);
    try {
      byte[] frame = bytes(encodePush.apply(List.of()));
      byte[] list = bytes(packer.pack(List.of()));
      int at = indexOf(frame, list);
      if (at < 0) {
        return off;
      }
      PushSplicer splicer = new PushSplicer(packer, Arrays.copyOf(frame, at),
          Arrays.copyOfRange(frame, at + list.length, frame.length));
      for (List<Event> probe : PROBES) {
        List<Payload> pushes;
        Payload together;
        try {
          pushes = List.of(encodePush.apply(probe.subList(0, 1)), encodePush.apply(probe.subList(1, 2)));
          together = encodePush.apply(probe);
        } catch (RuntimeException refused) {
          continue; // outside the packer's domain: the next pair
        }
        return together.equals(splicer.join(pushes)) ? splicer : off;
      }
      return off;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      return off; // a third party's packer failing on the probes: pushes are packed again, as without a splicer
    }
  }

  /**
   * The pushes joined into one push frame of all their events, in order.
   *
   * @param pushes push frames packed by this splicer's packer
   * @return the joined frame, or {@code null} if this splicer is off, a frame is not of the probed form, or the
   *     packer cannot concatenate the lists
   */
  Payload join(List<Payload> pushes) {
    if (prefix == null) {
      return null;
    }
    List<Payload> lists = new ArrayList<>(pushes.size());
    for (Payload push : pushes) {
      Payload list = eventList(push);
      if (list == null) {
        return null;
      }
      lists.add(list);
    }
    Payload joined = packer.concatLists(lists);
    if (joined == null || joined.isText() == packer.isBinary()) {
      return null;
    }
    return joined.isText()
        ? Payload.text(textPrefix + joined.asText() + textSuffix)
        : Payload.binary(Bytes.wrap(concat(prefix, joined.asBytes().toByteArray(), suffix)));
  }

  /** The push's packed list of events, or {@code null} if the push is not the prefix, a list and the suffix. */
  private Payload eventList(Payload push) {
    if (push.isText() == packer.isBinary()) {
      return null;
    }
    if (push instanceof Payload.Text t) {
      String text = t.text();
      if (text.length() <= textPrefix.length() + textSuffix.length() || !text.startsWith(textPrefix)
          || !text.endsWith(textSuffix)) {
        return null;
      }
      return Payload.text(text.substring(textPrefix.length(), text.length() - textSuffix.length()));
    }
    Bytes b = push.asBytes();
    if (b.length() <= prefix.length + suffix.length || !b.slice(0, prefix.length).equals(Bytes.wrap(prefix))
        || !b.slice(b.length() - suffix.length, b.length()).equals(Bytes.wrap(suffix))) {
      return null;
    }
    return Payload.binary(b.slice(prefix.length, b.length() - suffix.length));
  }

  private static byte[] bytes(Payload p) {
    return p.asBytes().toByteArray();
  }

  private static int indexOf(byte[] in, byte[] what) {
    for (int i = 0; i + what.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] concat(byte[] a, byte[] b, byte[] c) {
    byte[] all = Arrays.copyOf(a, a.length + b.length + c.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    System.arraycopy(c, 0, all, a.length + b.length, c.length);
    return all;
  }
}
