package io.sente4j.core;

import java.time.Duration;
import java.util.concurrent.Executor;

/** The settings of a {@link ChannelSocketServer}, as its builder collected them. Executors may be null (owned). */
record ServerOptions(
    Packer packer,
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
    Duration stopTimeout) {}
