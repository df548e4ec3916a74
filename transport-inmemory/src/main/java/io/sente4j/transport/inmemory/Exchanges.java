package io.sente4j.transport.inmemory;

import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.ServerRequest;
import java.net.http.HttpTimeoutException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Ajax-like HTTP exchanges: the request reaches the endpoint after the network's latency, and its answer (now, or
 * later through a held response) reaches the client after the latency again. The call's timeout ends the wait and
 * abandons a held response.
 */
final class Exchanges {
  private static final Logger LOG = LoggerFactory.getLogger(Exchanges.class);

  private final InMemoryNetwork network;

  Exchanges(InMemoryNetwork network) {
    this.network = network;
  }

  CompletableFuture<HttpReply> request(HttpCall call) {
    Objects.requireNonNull(call, "call");
    CompletableFuture<HttpReply> result = new CompletableFuture<>();
    if (!network.track(result)
        || !network.io().schedule(() -> exchange(call, result), network.faults().latencyNanos())) {
      result.completeExceptionally(InMemoryNetwork.closedError());
      return result;
    }
    long timeout = call.timeout().toNanos();
    if (timeout > 0) {
      Runnable cancel = network.io().scheduleCancellable(() -> result.completeExceptionally(new HttpTimeoutException(
          "no response within " + call.timeout() + ": " + call.method() + " " + call.uri())), timeout);
      if (cancel != null) {
        // Cancelled once answered: a timer left in the queue keeps the call and its answer alive for the whole
        // timeout (60 s for an Ajax client), and a benchmark of Ajax pushes piled up gigabytes of them.
        result.whenComplete((r, e) -> cancel.run());
      }
    }
    return result;
  }

  private void exchange(HttpCall call, CompletableFuture<HttpReply> result) {
    if (result.isDone()) {
      return;
    }
    ServerEndpoint endpoint;
    try {
      endpoint = network.endpoint(call.uri());
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    if (endpoint == null) {
      result.completeExceptionally(InMemoryNetwork.refused(call.uri()));
      return;
    }
    ServerRequest request = Requests.plain(call.method(), call.uri(), call.headers(), call.body(),
        call.contentType(), network.nextPort());
    ServerAnswer answer;
    try {
      answer = Objects.requireNonNull(endpoint.handle(request), "the endpoint returned no answer");
    } catch (RuntimeException e) {
      log(request, "the server endpoint threw on an HTTP request; answering 500", e);
      reply(result, 500, Payload.text("Internal Server Error"));
      return;
    }
    if (answer instanceof ServerAnswer.Reject r) {
      reply(result, r.status(), Payload.text(r.body()));
    } else if (answer instanceof ServerAnswer.Respond r) {
      reply(result, r.status(), r.body());
    } else if (answer instanceof ServerAnswer.Upgrade) {
      result.completeExceptionally(new IllegalStateException("the server endpoint answered a plain HTTP request "
          + "with Upgrade; only a WebSocket upgrade request can be upgraded (" + request + ")"));
    } else if (answer instanceof ServerAnswer.Hold h) {
      hold(request, h, result);
    }
  }

  private void hold(ServerRequest request, ServerAnswer.Hold hold, CompletableFuture<HttpReply> result) {
    HeldExchange held = new HeldExchange((status, body) -> reply(result, status, body), network::release);
    if (!network.hold(held)) {
      held.abandon();
    }
    result.whenComplete((reply, failure) -> {
      if (failure != null && !network.io().execute(held::abandon)) {
        held.abandon();
      }
    });
    try {
      hold.onHeld().accept(held);
    } catch (RuntimeException e) {
      log(request, "onHeld threw; answering 500", e);
      held.complete(500, Payload.text("Internal Server Error"));
    }
  }

  private void reply(CompletableFuture<HttpReply> result, int status, Payload body) {
    HttpReply reply = new HttpReply(status, body);
    if (!network.io().schedule(() -> result.complete(reply), network.faults().latencyNanos())) {
      result.completeExceptionally(InMemoryNetwork.closedError());
    }
  }

  private static void log(ServerRequest request, String message, Throwable e) {
    String clientId = request.param("client-id").orElse("");
    try (MDC.MDCCloseable ignored = MDC.putCloseable("sente4j.clientId", clientId)) {
      LOG.warn("{} (client id \"{}\", {})", message, clientId, request, e);
    }
  }
}
