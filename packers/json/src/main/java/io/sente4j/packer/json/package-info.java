/**
 * The JSON packer: {@link io.sente4j.packer.json.JsonPacker}, found by {@link java.util.ServiceLoader} through
 * {@link io.sente4j.packer.json.JsonPackerProvider} under the name {@code "json"}. Its class documentation states
 * the packer's domain: what JSON carries exactly, what it normalises and by which rule, and what it refuses.
 */
package io.sente4j.packer.json;
