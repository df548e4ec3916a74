/**
 * The Transit packers: {@link io.sente4j.packer.transit.TransitJsonPacker} ({@code "transit-json"}, Sente's Transit
 * default) and {@link io.sente4j.packer.transit.TransitMsgpackPacker} ({@code "transit-msgpack"}), found by {@link
 * java.util.ServiceLoader} through their providers. Each class documents its domain.
 *
 * <p>Writing goes through transit-java's own emitters, so every payload is byte for byte what transit-java, and so
 * Sente's Transit packer, writes. Reading is done by this module over the same two libraries transit-java uses
 * (Jackson and msgpack-core), because transit-java's reader recurses without a depth limit, allocates what a
 * MessagePack header announces, silently reads MessagePack binary as nil and reports no position; ours enforces the
 * {@link io.sente4j.core.PackerLimits}, refuses duplicate keys and reports where each error is. Key caching works
 * both ways: the writer emits transit-java's cache references ({@code "^0"}) and the reader resolves them.
 */
package io.sente4j.packer.transit;
