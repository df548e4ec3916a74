package io.sente4j.codec.generator;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.WildcardTypeName;

/** The library types generated code names. */
final class Types {
  static final ClassName KEYWORD = ClassName.get("io.sente4j.core", "Keyword");
  static final ClassName BYTES = ClassName.get("io.sente4j.core", "Bytes");
  static final ClassName EVENT = ClassName.get("io.sente4j.core", "Event");
  static final ClassName EVENT_MESSAGE = ClassName.get("io.sente4j.core", "EventMessage");
  static final ClassName CLIENT = ClassName.get("io.sente4j.core", "ChannelSocketClient");
  static final ClassName SERVER = ClassName.get("io.sente4j.core", "ChannelSocketServer");
  static final ClassName CLIENT_ROUTER = ClassName.get("io.sente4j.core", "ClientRouter");
  static final ClassName SERVER_ROUTER = ClassName.get("io.sente4j.core", "ServerRouter");
  static final ClassName RECORD_CODEC = ClassName.get("io.sente4j.codec", "RecordCodec");
  static final ClassName CODEC_EXCEPTION = ClassName.get("io.sente4j.codec", "CodecException");
  static final ClassName EVENT_SPEC = ClassName.get("io.sente4j.codec", "EventSpec");
  static final ClassName READ = ClassName.get("io.sente4j.codec", "Read");
  static final ClassName READ_COLLECTIONS = ClassName.get("io.sente4j.codec", "ReadCollections");
  static final ClassName WRITE = ClassName.get("io.sente4j.codec", "Write");
  static final ClassName MAP = ClassName.get("java.util", "Map");
  static final ClassName LINKED_HASH_MAP = ClassName.get("java.util", "LinkedHashMap");
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName DURATION = ClassName.get("java.time", "Duration");
  static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
  static final ClassName COMPLETION_STAGE = ClassName.get("java.util.concurrent", "CompletionStage");
  static final ClassName CONSUMER = ClassName.get("java.util.function", "Consumer");
  /** {@code Map<Keyword, Object>}. */
  static final TypeName DATA = ParameterizedTypeName.get(MAP, KEYWORD, TypeName.OBJECT);
  /** {@code Map<?, ?>}. */
  static final TypeName ANY_MAP = ParameterizedTypeName.get(MAP, WildcardTypeName.subtypeOf(Object.class),
      WildcardTypeName.subtypeOf(Object.class));

  private Types() {}
}
