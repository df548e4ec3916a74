package io.sente4j.codec.generator;

import com.squareup.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** What the processor read from one {@link io.sente4j.codec.EventSchema} interface. */
record SchemaModel(TypeElement element, ClassName type, String prefix, String namespace, List<EventModel> events,
    List<RecordModel> records, List<EnumModel> enums) {

  /** The record named {@code qualifiedName}. */
  RecordModel record(String qualifiedName) {
    for (RecordModel r : records) {
      if (r.qualifiedName().equals(qualifiedName)) {
        return r;
      }
    }
    throw new IllegalStateException("no record " + qualifiedName);
  }

  /** The enum named {@code qualifiedName}. */
  EnumModel enumModel(String qualifiedName) {
    for (EnumModel e : enums) {
      if (e.qualifiedName().equals(qualifiedName)) {
        return e;
      }
    }
    throw new IllegalStateException("no enum " + qualifiedName);
  }

  /** The generated class {@code <prefix><suffix>} in the schema's package, as {@code ChatClient}. */
  ClassName generated(String suffix) {
    return ClassName.get(type.packageName(), prefix + suffix);
  }
}
