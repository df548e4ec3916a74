package io.sente4j.core.internal;

import io.sente4j.core.Backoff;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientTransport;
import io.sente4j.core.ClientType;
import io.sente4j.core.Event;
import io.sente4j.core.OfflineSendPolicy;
import io.sente4j.core.Packer;
import io.sente4j.core.Scheduler;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The options of a client, as its builder collected them; every field is set (defaults filled in).
 *
 * @param uri the connection address without the protocol's query parameters
 * @param transport opens the connections
 * @param type WebSocket, Ajax, or WebSocket with a fallback to Ajax
 * @param ajaxTimeout how long one Ajax request (handshake, long-poll, POST) waits for its response
 * @param handshakeTimeout how long a connection attempt waits for the server's handshake before it is abandoned
 * @param packer packs and unpacks frames
 * @param clientId the client id
 * @param csrfToken the CSRF token, called on every connection attempt; may return {@code null}
 * @param params the application's query parameters, called on every connection attempt
 * @param headers the request headers, called on every connection attempt
 * @param pingInterval the client's idle window before it pings; zero turns client pings off
 * @param pongTimeout how long a ping waits for its pong
 * @param backoff the reconnect delays
 * @param backoffResetAfter how long a connection stays open after its handshake before the reconnect count starts over
 * @param random the jitter source, used under the session's lock
 * @param offlineSends what happens to sends while not open
 * @param scheduler the clock and timers
 * @param executor runs application code and completes futures
 * @param pushHandler receives pushed events
 * @param stateListener receives every state
 * @param errorListener receives bad frames, failed connection attempts and handler failures
 */
public record ClientConfig(URI uri, ClientTransport transport, ClientType type, Duration ajaxTimeout,
    Duration handshakeTimeout, Packer packer,
    String clientId, Supplier<String> csrfToken, Supplier<Map<String, String>> params,
    Supplier<Map<String, List<String>>> headers, Duration pingInterval, Duration pongTimeout, Backoff backoff,
    Duration backoffResetAfter, RandomGenerator random, OfflineSendPolicy offlineSends, Scheduler scheduler,
    Executor executor, Consumer<Event> pushHandler, Consumer<ClientState> stateListener,
    Consumer<Throwable> errorListener) {}
