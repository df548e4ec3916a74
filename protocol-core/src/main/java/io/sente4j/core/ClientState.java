package io.sente4j.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a {@link ChannelSocketClient}'s connection. Immutable; the client publishes a new one on every
 * change.
 *
 * @param clientId the client id sent on every connection request
 * @param via how the client connects: {@link Via#WEBSOCKET}, or {@link Via#AJAX_POLL} for Ajax long-polling (whose
 *     events travel in POSTs); a client of {@link ClientType#AUTO} shows {@code WEBSOCKET} until it falls back
 * @param status whether the client is connecting, open or closed
 * @param everOpened whether any connection of this client has completed a handshake
 * @param uid the user id of the last handshake, or {@code null} before the first one
 * @param handshakeData the handshake data of the last handshake, or {@code null}
 * @param lastClose how the last connection ended, if one has
 * @param attempt the reconnect attempt in progress or last made: 0 for a connection made by {@code connect()} or
 *     {@code reconnect()} and while open, n for the n-th retry after a loss. The count starts over after a connection
 *     that stayed open for the client's {@code backoffResetAfter}; after one lost sooner it goes on from the attempt
 *     that opened that connection (PROTOCOL.md §7.6)
 */
public record ClientState(String clientId, Via via, Status status, boolean everOpened, Object uid,
    Object handshakeData, Optional<CloseInfo> lastClose, int attempt) {

  /** The connection status. */
  public enum Status {
    /** A connection attempt is in progress: the transport is opening, or the handshake has not arrived yet. */
    CONNECTING,
    /** The handshake arrived: events can be sent. */
    OPEN,
    /** No connection: not yet connected, disconnected, or waiting to reconnect. */
    CLOSED
  }

  /**
   * Checks the required fields.
   *
   * @throws IllegalArgumentException if {@code attempt} is negative
   */
  public ClientState {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lastClose, "lastClose");
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must not be negative: " + attempt);
    }
  }

  /** The state of a client that has never connected. */
  public static ClientState initial(String clientId, Via via) {
    return new ClientState(clientId, via, Status.CLOSED, false, null, null, Optional.empty(), 0);
  }

  /** Whether the status is {@link Status#OPEN}. */
  public boolean isOpen() {
    return status == Status.OPEN;
  }

  /** This state with another status and attempt count. */
  public ClientState withStatus(Status newStatus, int newAttempt) {
    return new ClientState(clientId, via, newStatus, everOpened, uid, handshakeData, lastClose, newAttempt);
  }

  /** This state with another transport. */
  public ClientState withVia(Via newVia) {
    return new ClientState(clientId, newVia, status, everOpened, uid, handshakeData, lastClose, attempt);
  }

  /** This state, closed for {@code close}. */
  public ClientState closed(CloseInfo close) {
    return new ClientState(clientId, via, Status.CLOSED, everOpened, uid, handshakeData, Optional.of(close), attempt);
  }

  /** This state, open after a handshake with {@code newUid} and {@code data}; its attempt is 0 while open. */
  public ClientState opened(Object newUid, Object data) {
    return new ClientState(clientId, via, Status.OPEN, true, newUid, data, lastClose, 0);
  }
}
