/**
 * An in-process transport for sente4j: {@link io.sente4j.transport.inmemory.InMemoryNetwork} binds
 * {@link io.sente4j.core.ServerEndpoint}s at URIs and hands out a {@link io.sente4j.core.ClientTransport} that reaches
 * them with WebSocket-like channels and Ajax-like HTTP exchanges, without sockets. Tests use it to run a server and
 * its clients in one JVM and to inject faults (latency, dropped frames, refused upgrades, cuts, partitions) through
 * {@link io.sente4j.transport.inmemory.InMemoryConnection}; the transport conformance kit uses it as its reference
 * transport.
 */
package io.sente4j.transport.inmemory;
