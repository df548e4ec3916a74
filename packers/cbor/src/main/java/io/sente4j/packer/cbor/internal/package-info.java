/** The CBOR packer's writer and reader; not part of the API. */
package io.sente4j.packer.cbor.internal;
