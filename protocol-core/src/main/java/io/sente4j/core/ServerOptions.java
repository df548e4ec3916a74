package io.sente4j.core;

import io.sente4j.core.internal.AjaxSettings;
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
    Duration disconnectGrace,
    Executor handlerExecutor,
    Scheduler scheduler,
    EventHandler eventHandler,
    ServerErrorListener errorListener,
    PresenceListener presenceListener,
    AjaxSettings ajax) {}
