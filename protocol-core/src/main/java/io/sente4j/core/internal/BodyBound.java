package io.sente4j.core.internal;

/**
 * The most of an Ajax body a transport holds in memory (PROTOCOL.md §5.7): three times the frame limit plus 4 KiB,
 * since percent-encoding can triple a frame, and never past {@link #MAX_BYTES}, since the body is held in one array.
 * The server's transport bounds the POST bodies it reads by it, a client's transport the responses it reads.
 */
public final class BodyBound {
  /**
   * The largest array the JVM reliably allocates, and so the largest body held: a frame limit over 715,826,514
   * bytes would put three times it plus 4 KiB past this.
   */
  public static final int MAX_BYTES = Integer.MAX_VALUE - 8;

  private BodyBound() {}

  /** The bound for a frame limit of {@code maxFrameBytes}: three times it plus 4 KiB, at most {@link #MAX_BYTES}. */
  public static int bytes(int maxFrameBytes) {
    return (int) Math.min(uncapped(maxFrameBytes), MAX_BYTES);
  }

  /** Whether the bound for {@code maxFrameBytes} is {@link #MAX_BYTES} rather than three times it plus 4 KiB. */
  public static boolean capped(int maxFrameBytes) {
    return uncapped(maxFrameBytes) > MAX_BYTES;
  }

  /** How the bound for {@code maxFrameBytes} was reached, for an error message. */
  public static String describe(int maxFrameBytes) {
    return "three times the frame limit of " + maxFrameBytes + " bytes plus 4 KiB"
        + (capped(maxFrameBytes) ? ", capped at the largest array" : "");
  }

  private static long uncapped(int maxFrameBytes) {
    return 3L * maxFrameBytes + 4096;
  }
}
