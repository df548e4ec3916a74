/** Internals of the Jetty transport; not an API. */
package io.sente4j.transport.jetty.internal;
