package io.sente4j.transport.jetty;

import io.sente4j.core.Payload;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes the channel-socket path's responses as PROTOCOL.md §5.6 has them. */
final class Responses {
  static final String TEXT = "text/plain; charset=utf-8";
  static final String BINARY = "application/octet-stream";

  private Responses() {}

  /** A packed frame (or a rejection's text): its status, its content type, never cached. */
  static void write(Response response, Callback callback, int status, Payload body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, body.isText() ? TEXT : BINARY);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    ByteBuffer bytes = body.isText() ? ByteBuffer.wrap(body.asText().getBytes(StandardCharsets.UTF_8))
        : body.asBytes().asReadOnlyBuffer();
    response.write(true, bytes, callback);
  }

  /** A plain-text rejection. */
  static void reject(Response response, Callback callback, int status, String text) {
    write(response, callback, status, Payload.text(text));
  }
}
