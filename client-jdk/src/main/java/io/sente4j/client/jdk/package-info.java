/**
 * The client side of the sente4j Transport SPI on the JDK's {@code java.net.http}: {@link
 * io.sente4j.client.jdk.JdkClientTransport}.
 */
package io.sente4j.client.jdk;
