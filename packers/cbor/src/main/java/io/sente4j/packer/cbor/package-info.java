/**
 * The CBOR packer: {@link io.sente4j.packer.cbor.CborPacker}, lossless for the whole data model with IANA-registered
 * CBOR tags, found by {@link java.util.ServiceLoader} through {@link io.sente4j.packer.cbor.CborPackerProvider} under
 * the name {@code "cbor"}. Its class documentation states the encoding and the packer's domain.
 */
package io.sente4j.packer.cbor;
