package io.sente4j.codec.generator;

import com.squareup.javapoet.TypeName;
import io.sente4j.codec.generator.TypeRef.EnumRef;
import io.sente4j.codec.generator.TypeRef.ListRef;
import io.sente4j.codec.generator.TypeRef.MapRef;
import io.sente4j.codec.generator.TypeRef.OptionalRef;
import io.sente4j.codec.generator.TypeRef.RecordRef;
import io.sente4j.codec.generator.TypeRef.ScalarRef;
import io.sente4j.codec.generator.TypeRef.SetRef;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Maps the Java type of a record component to a {@link TypeRef}, or says why it cannot. Records and enums it meets
 * are handed to the caller, which writes codecs for them too.
 */
final class TypeResolver {
  /** The types a component may have, for the error message. */
  static final String SUPPORTED = "String, boolean, char, byte, short, int, long, float, double (or their boxes), "
      + "BigInteger, BigDecimal, Instant, UUID, byte[], io.sente4j.core.Bytes, io.sente4j.core.Keyword, an enum, "
      + "a record, or List, Set, Map or Optional of these";

  private static final Map<String, Scalar> DECLARED = Map.ofEntries(
      Map.entry("java.lang.String", Scalar.STRING),
      Map.entry("java.lang.Boolean", Scalar.BOOLEAN),
      Map.entry("java.lang.Long", Scalar.LONG),
      Map.entry("java.lang.Integer", Scalar.INT),
      Map.entry("java.lang.Short", Scalar.SHORT),
      Map.entry("java.lang.Byte", Scalar.BYTE),
      Map.entry("java.lang.Double", Scalar.DOUBLE),
      Map.entry("java.lang.Float", Scalar.FLOAT),
      Map.entry("java.lang.Character", Scalar.CHAR),
      Map.entry("java.math.BigInteger", Scalar.BIG_INTEGER),
      Map.entry("java.math.BigDecimal", Scalar.BIG_DECIMAL),
      Map.entry("java.time.Instant", Scalar.INSTANT),
      Map.entry("java.util.UUID", Scalar.UUID),
      Map.entry("io.sente4j.core.Bytes", Scalar.BYTES),
      Map.entry("io.sente4j.core.Keyword", Scalar.KEYWORD));

  /** Why a type was refused: the message, without the component's name. */
  static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  private final Consumer<TypeElement> records;
  private final Consumer<TypeElement> enums;

  /**
   * A resolver.
   *
   * @param records receives every record type met
   * @param enums receives every enum type met
   */
  TypeResolver(Consumer<TypeElement> records, Consumer<TypeElement> enums) {
    this.records = records;
    this.enums = enums;
  }

  /** The {@link TypeRef} of {@code type}. */
  TypeRef resolve(TypeMirror type) throws Unsupported {
    TypeName javaType = TypeName.get(type);
    switch (type.getKind()) {
      case BOOLEAN: return new ScalarRef(Scalar.BOOLEAN, true, javaType);
      case LONG: return new ScalarRef(Scalar.LONG, true, javaType);
      case INT: return new ScalarRef(Scalar.INT, true, javaType);
      case SHORT: return new ScalarRef(Scalar.SHORT, true, javaType);
      case BYTE: return new ScalarRef(Scalar.BYTE, true, javaType);
      case DOUBLE: return new ScalarRef(Scalar.DOUBLE, true, javaType);
      case FLOAT: return new ScalarRef(Scalar.FLOAT, true, javaType);
      case CHAR: return new ScalarRef(Scalar.CHAR, true, javaType);
      case ARRAY:
        if (((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE) {
          return new ScalarRef(Scalar.BYTE_ARRAY, false, javaType);
        }
        throw unsupported(type, "of the arrays only byte[] is supported; use a List");
      case DECLARED:
        return declared((DeclaredType) type, javaType);
      default:
        throw unsupported(type, type.getKind() == TypeKind.TYPEVAR ? "type variables are not supported" : null);
    }
  }

  private TypeRef declared(DeclaredType type, TypeName javaType) throws Unsupported {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    Scalar scalar = DECLARED.get(name);
    if (scalar != null) {
      return new ScalarRef(scalar, false, javaType);
    }
    List<? extends TypeMirror> args = type.getTypeArguments();
    switch (name) {
      case "java.util.List":
        return new ListRef(resolve(single(type, args)), javaType);
      case "java.util.Set":
        return new SetRef(resolve(single(type, args)), javaType);
      case "java.util.Optional": {
        TypeRef inner = resolve(single(type, args));
        if (inner instanceof OptionalRef) {
          throw unsupported(type, "an Optional inside an Optional cannot be told apart from an empty one");
        }
        return new OptionalRef(inner, javaType);
      }
      case "java.util.Map": {
        if (args.size() != 2) {
          throw unsupported(type, "give Map its key and value types");
        }
        TypeRef key = resolve(concrete(type, args.get(0)));
        if (!isMapKey(key)) {
          throw unsupported(type, "map keys must be String, Keyword, UUID, Instant, an enum, or Long, Integer, "
              + "Short or Byte (JSON writes every key as a string, and these read back from one)");
        }
        return new MapRef(key, resolve(concrete(type, args.get(1))), javaType);
      }
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      enums.accept(element);
      return new TypeRef.EnumRef(name, javaType);
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (!element.getTypeParameters().isEmpty()) {
        throw unsupported(type, "generic records are not supported; declare a record for each use");
      }
      records.accept(element);
      return new RecordRef(name, javaType);
    }
    throw unsupported(type, null);
  }

  private static boolean isMapKey(TypeRef key) {
    return key instanceof EnumRef || key instanceof ScalarRef s && s.scalar().keyReader != null;
  }

  private static TypeMirror single(DeclaredType type, List<? extends TypeMirror> args) throws Unsupported {
    if (args.size() != 1) {
      throw unsupported(type, "give it its element type");
    }
    return concrete(type, args.get(0));
  }

  private static TypeMirror concrete(DeclaredType type, TypeMirror arg) throws Unsupported {
    if (arg.getKind() == TypeKind.WILDCARD) {
      throw unsupported(type, "wildcards are not supported; name the element type");
    }
    return arg;
  }

  private static Unsupported unsupported(TypeMirror type, String why) {
    return new Unsupported("unsupported type " + type + (why == null ? "" : " (" + why + ")") + "; use " + SUPPORTED);
  }
}
