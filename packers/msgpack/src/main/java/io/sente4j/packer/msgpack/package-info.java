/**
 * The MessagePack packer: {@link io.sente4j.packer.msgpack.MsgpackPacker}, wire-compatible with Sente 1.21's
 * MessagePack packer, found by {@link java.util.ServiceLoader} through {@link
 * io.sente4j.packer.msgpack.MsgpackPackerProvider} under the name {@code "msgpack"}. Its class documentation states
 * the encoding and the packer's domain.
 */
package io.sente4j.packer.msgpack;
