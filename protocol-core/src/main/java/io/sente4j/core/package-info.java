/**
 * The sente4j protocol core: the data model ({@link io.sente4j.core.Keyword}, {@link io.sente4j.core.Symbol},
 * {@link io.sente4j.core.Tagged}, {@link io.sente4j.core.Bytes}), the {@link io.sente4j.core.Packer} SPI and its
 * {@link io.sente4j.core.PackerRegistry}, and the wire frames ({@link io.sente4j.core.Frame},
 * {@link io.sente4j.core.FrameCodec}) that every transport carries.
 *
 * <p>Nothing here knows a concrete packer or transport: packers are found with {@link java.util.ServiceLoader}
 * through {@link io.sente4j.core.PackerProvider}. The normative description of the wire format is
 * {@code spec/PROTOCOL.md}.
 */
package io.sente4j.core;
