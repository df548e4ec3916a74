package io.sente4j.codec.generator;

import com.squareup.javapoet.TypeName;

/** The type of a record component (or of an element inside one), as far as a codec cares. */
sealed interface TypeRef {

  /** The Java type, as written in generated code. */
  TypeName javaType();

  /** Whether this type, or a type inside it, is a record: generators guard such types against endless depth. */
  boolean holdsRecord();

  /** A scalar; {@code primitive} when declared as a Java primitive. */
  record ScalarRef(Scalar scalar, boolean primitive, TypeName javaType) implements TypeRef {
    @Override
    public boolean holdsRecord() {
      return false;
    }
  }

  /** An enum, written as a keyword; {@code qualifiedName} finds its {@link EnumModel} in the schema. */
  record EnumRef(String qualifiedName, TypeName javaType) implements TypeRef {
    @Override
    public boolean holdsRecord() {
      return false;
    }
  }

  /** A record, written as a map; {@code qualifiedName} finds its {@link RecordModel} in the schema. */
  record RecordRef(String qualifiedName, TypeName javaType) implements TypeRef {
    @Override
    public boolean holdsRecord() {
      return true;
    }
  }

  /** {@code java.util.List}. */
  record ListRef(TypeRef element, TypeName javaType) implements TypeRef {
    @Override
    public boolean holdsRecord() {
      return element.holdsRecord();
    }
  }

  /** {@code java.util.Set}. */
  record SetRef(TypeRef element, TypeName javaType) implements TypeRef {
    @Override
    public boolean holdsRecord() {
      return element.holdsRecord();
    }
  }

  /** {@code java.util.Map}. */
  record MapRef(TypeRef key, TypeRef value, TypeName javaType) implements TypeRef {
    @Override
    public boolean holdsRecord() {
      return key.holdsRecord() || value.holdsRecord();
    }
  }

  /** {@code java.util.Optional}: a missing key or nil when empty. */
  record OptionalRef(TypeRef element, TypeName javaType) implements TypeRef {
    @Override
    public boolean holdsRecord() {
      return element.holdsRecord();
    }
  }
}
