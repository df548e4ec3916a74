package io.sente4j.core.internal;

import io.sente4j.core.RejectionReason;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerRequest;
import java.util.Collection;
import java.util.Optional;

/** The checks every request to the channel-socket path passes first, in the order of PROTOCOL.md §5.7. */
public final class RequestChecks {
  private RequestChecks() {}

  /** The parameter that carries the client id. */
  public static final String CLIENT_ID = "client-id";
  /** The query parameter that names the client's packer. */
  public static final String PACKER = "sente4j-packer";

  /**
   * A refused request: why, and the answer.
   *
   * @param reason why, for the metrics
   * @param answer the status and body
   */
  public record Rejection(RejectionReason reason, ServerAnswer.Reject answer) {
    /** A rejection with this status and body. */
    public Rejection(RejectionReason reason, int status, String body) {
      this(reason, new ServerAnswer.Reject(status, body));
    }
  }

  /**
   * Checks the method, the client id and the packer.
   *
   * @param request the request
   * @param packerNames the names of the server's packers, its default first
   * @return the rejection, or {@code null} when the request passes
   */
  public static Rejection check(ServerRequest request, Collection<String> packerNames) {
    String method = request.method();
    if (!method.equals("GET") && !method.equals("POST")) {
      return new Rejection(RejectionReason.METHOD_NOT_ALLOWED, 405, "Method not allowed; use GET or POST");
    }
    Optional<String> clientId = request.param(CLIENT_ID);
    if (clientId.isEmpty() || clientId.get().isBlank()) {
      return new Rejection(RejectionReason.MISSING_CLIENT_ID, 400, "Missing client-id");
    }
    Optional<String> packer = request.queryParam(PACKER);
    if (packer.isPresent() && !packerNames.contains(packer.get())) {
      return new Rejection(RejectionReason.UNKNOWN_PACKER, 400,
          "no packer named \"" + packer.get() + "\"; available: " + String.join(", ", packerNames));
    }
    return null;
  }
}
