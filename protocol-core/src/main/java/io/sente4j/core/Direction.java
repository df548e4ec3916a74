package io.sente4j.core;

/** Which peer sent a frame. The same value can mean different things in each direction. */
public enum Direction {
  /** Sent by a client to the server. */
  FROM_CLIENT,
  /** Sent by the server to a client. */
  FROM_SERVER
}
