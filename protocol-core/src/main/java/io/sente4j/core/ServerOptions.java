package io.sente4j.core;

import io.sente4j.core.internal.AjaxSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The settings of a {@link ChannelSocketServer}, as its builder collected them. Executors may be null (owned).
 * {@code packers} holds every packer the server offers, the default {@code packer} first.
 */
record ServerOptions(
    Packer packer,
    List<Packer> packers,
    UserIdFunction userId,
    HandshakeDataFunction handshakeData,
    Duration pingInterval,
    Duration pingTimeout,
    Duration sendBufferWindow,
    int maxBatchEvents,
    Duration disconnectGrace,
    Executor handlerExecutor,
    Scheduler scheduler,
    EventHandler eventHandler,
    ServerErrorListener errorListener,
    PresenceListener presenceListener,
    QueueLimit receiveQueue,
    QueueLimit sendQueue,
    OverflowPolicy overflowPolicy,
    Duration stopTimeout,
    RequestGuard.Settings security,
    int maxConnectionsPerUid,
    AjaxSettings ajax) {}
