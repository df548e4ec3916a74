package io.sente4j.core;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of a transport: opens WebSockets and makes HTTP requests, all asynchronously. Implementations are
 * thread-safe.
 */
public interface ClientTransport {

  /**
   * Opens a WebSocket.
   *
   * @param uri the {@code ws:} or {@code wss:} address, query included
   * @param headers extra request headers (a bearer token, cookies)
   * @param listener receives the socket's messages and its close
   * @return completes with the open channel, or exceptionally: with {@link UpgradeRefusedException} when the server
   *     answered the upgrade with an HTTP status, otherwise with the transport's error
   */
  CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> headers, ChannelListener listener);

  /**
   * Makes one HTTP request.
   *
   * @return completes with the response, whatever its status, or exceptionally when there is none
   */
  CompletableFuture<HttpReply> request(HttpCall call);
}
