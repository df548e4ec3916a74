package io.sente4j.codec.generator;

import com.squareup.javapoet.ClassName;
import java.util.List;

/**
 * A record a codec is written for: {@code constant} names its codec ({@code SEND_ACK}), {@code suffix} its methods
 * ({@code encodeSendAck}).
 */
record RecordModel(String qualifiedName, ClassName type, String constant, String suffix, List<FieldModel> fields) {
}
