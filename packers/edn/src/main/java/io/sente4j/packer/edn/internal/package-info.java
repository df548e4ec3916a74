/**
 * The edn reader and writer behind {@link io.sente4j.packer.edn.EdnPacker}. Not API: these types may change in any
 * release.
 */
package io.sente4j.packer.edn.internal;
