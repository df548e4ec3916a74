package io.sente4j.transport.jetty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the sente4j browser client (the {@code client-js} jar) at {@code /sente4j/*}: {@code sente4j.js} (the core),
 * {@code transit.js}, {@code msgpack.js} and {@code index.txt}, read once from the class path under
 * {@code META-INF/resources/sente4j/}.
 *
 * <p>Only the names listed in {@code index.txt} are served, from memory, so no request can reach another resource or
 * a file. Every response carries an {@code ETag} (a SHA-256 of the content) and {@code Cache-Control: no-cache}: the
 * names carry no version, so browsers revalidate, and a matching {@code If-None-Match} is answered {@code 304}.
 * Unknown names are answered {@code 404}, methods other than GET and HEAD {@code 405}. Without the {@code client-js}
 * jar on the class path every name is unknown; that is logged once, when the first such handler is built.
 *
 * <p>{@link JettyChannelServer} mounts one by default ({@link JettyChannelServer.Builder#serveClientScripts}); an
 * application with its own handler tree adds one, for example in a {@code Handler.Sequence}.
 */
public final class ClientScripts extends Handler.Abstract.NonBlocking {
  /** The path prefix the files are served under. */
  public static final String PREFIX = "/sente4j/";
  /** Where the files are on the class path. */
  public static final String RESOURCES = "META-INF/resources/sente4j/";

  private static final Logger LOG = LoggerFactory.getLogger(ClientScripts.class);
  /** The missing jar is reported once per class loader, not once per server (tests start many). */
  private static final java.util.concurrent.atomic.AtomicBoolean REPORTED = new java.util.concurrent.atomic.AtomicBoolean();
  private static final HttpField NO_CACHE = new HttpField(HttpHeader.CACHE_CONTROL, "no-cache");
  private static final HttpField NO_SNIFF = new HttpField("X-Content-Type-Options", "nosniff");

  private record Script(byte[] bytes, String contentType, String etag) {}

  private final Map<String, Script> scripts;

  /** Serves the files found through this class's class loader. */
  public ClientScripts() {
    this(ClientScripts.class.getClassLoader());
  }

  /** Serves the files found through {@code loader}. */
  public ClientScripts(ClassLoader loader) {
    this.scripts = load(Objects.requireNonNull(loader, "loader"));
    if (scripts.isEmpty() && REPORTED.compareAndSet(false, true)) {
      LOG.warn("the sente4j browser client (io.sente4j:client-js) is not on the class path: {}* answers 404", PREFIX);
    }
  }

  /** The names served, in the order of {@code index.txt}; empty without the client-js jar. */
  public java.util.Set<String> names() {
    return scripts.keySet();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (!path.startsWith(PREFIX)) {
      return false;
    }
    String method = request.getMethod();
    boolean head = "HEAD".equals(method);
    if (!head && !"GET".equals(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
      return true;
    }
    Script script = scripts.get(path.substring(PREFIX.length()));
    if (script == null) {
      Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
      return true;
    }
    response.getHeaders().put(HttpHeader.ETAG, script.etag());
    response.getHeaders().put(NO_CACHE);
    response.getHeaders().put(NO_SNIFF);
    if (matches(request.getHeaders().get(HttpHeader.IF_NONE_MATCH), script.etag())) {
      response.setStatus(HttpStatus.NOT_MODIFIED_304);
      response.write(true, null, callback);
      return true;
    }
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, script.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, script.bytes().length);
    response.write(true, head ? null : ByteBuffer.wrap(script.bytes()), callback);
    return true;
  }

  /** Whether an If-None-Match header names {@code etag} (or is {@code *}). */
  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*") || c.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Script> load(ClassLoader loader) {
    byte[] index = read(loader, "index.txt");
    if (index == null) {
      return Map.of();
    }
    Map<String, Script> scripts = new LinkedHashMap<>();
    scripts.put("index.txt", script(index, "index.txt"));
    for (String line : new String(index, StandardCharsets.UTF_8).split("\n")) {
      String name = line.trim();
      if (name.isEmpty()) {
        continue;
      }
      if (!name.matches("[A-Za-z0-9_-]+\\.(js|txt)")) {
        throw new IllegalStateException("client-js's index.txt lists a name that is not a plain file name: " + name);
      }
      byte[] bytes = read(loader, name);
      if (bytes == null) {
        throw new IllegalStateException("client-js's index.txt lists " + name + ", which is not on the class path");
      }
      scripts.put(name, script(bytes, name));
    }
    return java.util.Collections.unmodifiableMap(scripts);
  }

  private static Script script(byte[] bytes, String name) {
    String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/plain; charset=utf-8";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new Script(bytes, type, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static byte[] read(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(RESOURCES + name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCES + name + " failed", e);
    }
  }
}
