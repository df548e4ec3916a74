/**
 * The server side of the sente4j Transport SPI on Jetty 12 core: {@link io.sente4j.transport.jetty.JettyChannelHandler}
 * mounts a channel socket in an existing Jetty server, {@link io.sente4j.transport.jetty.JettyChannelServer} starts an
 * embedded one with one call.
 */
package io.sente4j.transport.jetty;
