/**
 * The JSON packer's machinery: the Jackson factory set-up, the value writer and reader, and the mapping of Jackson's
 * errors to {@link io.sente4j.core.PackerException}. Not API: nothing here is stable or meant for use outside
 * {@code packer-json}.
 */
package io.sente4j.packer.json.internal;
