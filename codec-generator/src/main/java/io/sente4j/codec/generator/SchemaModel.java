package io.sente4j.codec.generator;

import com.squareup.javapoet.ClassName;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

  /**
   * Whether data for {@code r} can nest without a bound the schema sets: whether a record that holds itself (through
   * any records and collections) can be reached from {@code r}, or is {@code r}. Decoding such data recurses as
   * deep as the data goes.
   */
  boolean nestsWithoutBound(RecordModel r) {
    Set<RecordModel> from = reachable(r);
    from.add(r);
    for (RecordModel s : from) {
      if (reachable(s).contains(s)) {
        return true;
      }
    }
    return false;
  }

  /** The records the components of {@code r} hold, directly or through other records and collections. */
  private Set<RecordModel> reachable(RecordModel r) {
    Set<RecordModel> seen = new LinkedHashSet<>();
    Deque<TypeRef> todo = new ArrayDeque<>();
    r.fields().forEach(f -> todo.add(f.type()));
    while (!todo.isEmpty()) {
      TypeRef t = todo.pop();
      if (t instanceof TypeRef.RecordRef rr) {
        RecordModel m = record(rr.qualifiedName());
        if (seen.add(m)) {
          m.fields().forEach(f -> todo.add(f.type()));
        }
      } else if (t instanceof TypeRef.ListRef l) {
        todo.add(l.element());
      } else if (t instanceof TypeRef.SetRef s) {
        todo.add(s.element());
      } else if (t instanceof TypeRef.MapRef m) {
        todo.add(m.key());
        todo.add(m.value());
      } else if (t instanceof TypeRef.OptionalRef o) {
        todo.add(o.element());
      }
    }
    return seen;
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
