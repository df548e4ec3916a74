package io.sente4j.core;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of a transport: opens WebSockets and makes HTTP requests, all asynchronously. Implementations are
 * thread-safe.
 *
 * <p>A {@link ChannelSocketClient} calls the forms that take {@code maxFrameBytes}, its packer's {@link
 * PackerLimits#maxInputBytes()}: a transport that bounds what it assembles from the network (a WebSocket message
 * joined from its parts, a response body) sizes that bound to it unless its application set one, so that raising the
 * packer's limit is enough to receive larger frames. Those forms' defaults ignore the limit and call the forms
 * without it, where the transport's own bound applies; a transport that wraps another forwards them too, or the
 * client's limit does not reach the wrapped one.
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
   * Opens a WebSocket for a client that reads frames of up to {@code maxFrameBytes} bytes. The default ignores the
   * limit and calls {@link #openWebSocket(URI, Map, ChannelListener)}.
   *
   * @param uri the {@code ws:} or {@code wss:} address, query included
   * @param headers extra request headers (a bearer token, cookies)
   * @param listener receives the socket's messages and its close
   * @param maxFrameBytes the largest frame the client reads (its packer's {@link PackerLimits#maxInputBytes()}), at
   *     least 1: the bound of a message the transport joins from its parts, unless its application set one
   * @return as {@link #openWebSocket(URI, Map, ChannelListener)}
   */
  default CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> headers,
      ChannelListener listener, int maxFrameBytes) {
    return openWebSocket(uri, headers, listener);
  }

  /**
   * Makes one HTTP request.
   *
   * @return completes with the response, whatever its status, or exceptionally when there is none
   */
  CompletableFuture<HttpReply> request(HttpCall call);

  /**
   * Makes one HTTP request for a client that reads frames of up to {@code maxFrameBytes} bytes. The default ignores
   * the limit and calls {@link #request(HttpCall)}.
   *
   * @param call the request
   * @param maxFrameBytes the largest frame the client reads (its packer's {@link PackerLimits#maxInputBytes()}), at
   *     least 1: a transport that bounds response bodies sizes its bound from it, unless its application set one
   * @return as {@link #request(HttpCall)}
   */
  default CompletableFuture<HttpReply> request(HttpCall call, int maxFrameBytes) {
    return request(call);
  }
}
