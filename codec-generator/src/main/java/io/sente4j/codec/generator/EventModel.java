package io.sente4j.codec.generator;

/**
 * One event: a client event (with a reply record, or {@code null} when it wants none) or a server push. {@code
 * method} names its methods ({@code send}, {@code onMessage}), {@code constant} its id in the events class.
 */
record EventModel(boolean clientEvent, String name, String method, String constant, RecordModel data,
    RecordModel reply) {

  /** Whether the event wants a reply. */
  boolean wantsReply() {
    return reply != null;
  }
}
