package io.sente4j.core;

import io.sente4j.core.internal.ConstantFrames;
import io.sente4j.core.internal.RequestChecks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The packers a server offers (PROTOCOL.md §4.3), each with its frame codec and push encoder, and the choice of one
 * for a request: the one named by {@code sente4j-packer}, else the default. Shared by the WebSocket and Ajax paths.
 */
final class ServerPackers {
  private final Map<String, FrameCodec> codecs = new LinkedHashMap<>();
  private final Map<String, PushEncoder> encoders = new LinkedHashMap<>();
  private final Map<String, ConstantFrames> constants = new LinkedHashMap<>();
  private final String defaultName;

  /**
   * @param report where the push encoders report events they leave out
   * @throws IllegalArgumentException if a packer cannot pack the protocol's constant frames
   */
  ServerPackers(ServerOptions options, Consumer<ServerError> report) {
    this.defaultName = options.packer().name();
    for (Packer p : options.packers()) {
      FrameCodec codec = new FrameCodec(p);
      codecs.put(p.name(), codec);
      encoders.put(p.name(), new PushEncoder(codec, report));
      constants.put(p.name(), ConstantFrames.packedWith(codec));
    }
  }

  /** The packer names, the default's first. */
  Set<String> names() {
    return Collections.unmodifiableSet(codecs.keySet());
  }

  /** Every codec, the default's first. */
  Iterable<FrameCodec> codecs() {
    return codecs.values();
  }

  /** The codec of the packer the request names, or the default's; the name was checked by {@link RequestChecks}. */
  FrameCodec codecFor(ServerRequest request) {
    return codecs.get(request.queryParam(RequestChecks.PACKER).orElse(defaultName));
  }

  /** The constant frames packed by a codec of this server. */
  ConstantFrames constantsFor(FrameCodec codec) {
    return constants.get(codec.packer().name());
  }

  /** The push encoder for a codec of this server. */
  PushEncoder encoderFor(FrameCodec codec) {
    return encoders.get(codec.packer().name());
  }
}
