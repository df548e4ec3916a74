/**
 * Internals of the Transit packers; not an API. Writing goes through transit-java's emitters (so the bytes are
 * transit-java's); reading is done here, over Jackson and msgpack-core, because transit-java's reader cannot bound
 * depth or allocation, reports no positions and reads MessagePack binary as nil.
 */
package io.sente4j.packer.transit.internal;
