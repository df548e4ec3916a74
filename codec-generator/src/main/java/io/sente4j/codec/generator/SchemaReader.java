package io.sente4j.codec.generator;

import com.squareup.javapoet.ClassName;
import io.sente4j.codec.ClientEvent;
import io.sente4j.codec.EventSchema;
import io.sente4j.codec.NameStyle;
import io.sente4j.codec.ServerPush;
import io.sente4j.core.Keyword;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Reads one {@link EventSchema} interface into a {@link SchemaModel}, reporting every mistake as a compile error on
 * the element at fault, with the fix in the message. Returns no model when there was any error.
 */
final class SchemaReader {
  /** Method names the generated classes use themselves, or that {@code Object} has. */
  static final Set<String> RESERVED_METHODS = Set.of("of", "socket", "pushes", "router", "asyncRouter", "routes",
      "asyncRoutes", "all", "ids", "equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait",
      "clone", "finalize");

  private final Messager messager;
  private final TypeElement schema;
  private final NameStyle style;
  private final Map<String, TypeElement> records = new LinkedHashMap<>();
  private final Map<String, TypeElement> enums = new LinkedHashMap<>();
  private final Deque<TypeElement> toRead = new ArrayDeque<>();
  private final Map<String, List<FieldModel>> fields = new HashMap<>();
  private boolean failed;

  private SchemaReader(Messager messager, TypeElement schema) {
    this.messager = messager;
    this.schema = schema;
    this.style = schema.getAnnotation(EventSchema.class).names();
  }

  /** The model of {@code schema}, or {@code null} after reporting errors. */
  static SchemaModel read(Messager messager, TypeElement schema) {
    return new SchemaReader(messager, schema).read();
  }

  private SchemaModel read() {
    if (schema.getKind() != ElementKind.INTERFACE) {
      return fail(schema, "@EventSchema must be on an interface: make " + schema.getSimpleName()
          + " an interface and declare the event records inside it");
    }
    String namespace = schema.getAnnotation(EventSchema.class).namespace();
    if (namespace.equals("chsk")) {
      return fail(schema, "the namespace \"chsk\" is reserved for the protocol's own events; choose another, "
          + "such as @EventSchema(namespace = \"" + Names.kebab(schema.getSimpleName().toString()) + "\")");
    }
    String nsProblem = keywordProblem(namespace, "x");
    if (nsProblem != null) {
      return fail(schema, "the namespace \"" + namespace + "\" is not a keyword namespace (" + nsProblem
          + "); use letters, digits and - . _, such as \"chat\"");
    }
    List<Element> eventElements = new ArrayList<>();
    for (Element member : schema.getEnclosedElements()) {
      if (member.getAnnotation(ClientEvent.class) != null || member.getAnnotation(ServerPush.class) != null) {
        eventElements.add(member);
      } else if (member.getKind() == ElementKind.RECORD) {
        addRecord((TypeElement) member);
      }
    }
    List<PendingEvent> pending = new ArrayList<>();
    for (Element e : eventElements) {
      PendingEvent p = event(e, namespace, pending);
      if (p != null) {
        pending.add(p);
      }
    }
    while (!toRead.isEmpty()) {
      readRecord(toRead.poll());
    }
    if (failed) {
      return null;
    }
    Map<String, String[]> names = javaNames();
    List<RecordModel> recordModels = new ArrayList<>();
    for (TypeElement r : records.values()) {
      String qn = r.getQualifiedName().toString();
      recordModels.add(new RecordModel(qn, ClassName.get(r), names.get(qn)[0], names.get(qn)[1], fields.get(qn)));
    }
    List<EnumModel> enumModels = new ArrayList<>();
    for (TypeElement e : enums.values()) {
      enumModels.add(enumModel(e, names.get(e.getQualifiedName().toString())[1]));
    }
    if (failed) {
      return null;
    }
    SchemaModel partial = new SchemaModel(schema, ClassName.get(schema), prefix(schema), namespace, List.of(),
        recordModels, enumModels);
    List<EventModel> events = new ArrayList<>();
    for (PendingEvent p : pending) {
      events.add(new EventModel(p.client, p.name, p.method, Names.constant(p.method),
          partial.record(p.data.getQualifiedName().toString()),
          p.reply == null ? null : partial.record(p.reply.getQualifiedName().toString())));
    }
    return new SchemaModel(schema, partial.type(), partial.prefix(), namespace, events, recordModels, enumModels);
  }

  private record PendingEvent(boolean client, String name, String method, TypeElement data, TypeElement reply) {
  }

  private PendingEvent event(Element e, String namespace, List<PendingEvent> earlier) {
    boolean client = e.getAnnotation(ClientEvent.class) != null;
    String annotation = client ? "@ClientEvent" : "@ServerPush";
    if (client && e.getAnnotation(ServerPush.class) != null) {
      return fail(e, "a record is either a @ClientEvent or a @ServerPush, not both; declare two records");
    }
    if (e.getKind() != ElementKind.RECORD) {
      return fail(e, annotation + " must be on a record: make " + e.getSimpleName()
          + " a record whose components are the event's data, such as record " + e.getSimpleName()
          + "(String room, String text) {}");
    }
    TypeElement data = (TypeElement) e;
    String given = client ? e.getAnnotation(ClientEvent.class).name() : e.getAnnotation(ServerPush.class).name();
    String name = given.isEmpty() ? Names.kebab(e.getSimpleName().toString()) : given;
    String problem = keywordProblem(namespace, name);
    if (problem != null) {
      return fail(e, "the event name \"" + name + "\" is not a keyword name (" + problem
          + "); give the event a name such as " + annotation + "(name = \"" + Names.kebab(e.getSimpleName().toString())
          + "\")");
    }
    String method = Names.lowerCamel(name);
    if (!Names.isJavaName(method) || RESERVED_METHODS.contains(method)) {
      return fail(e, "the event name \"" + name + "\" gives the method name \"" + method + "\", which "
          + (RESERVED_METHODS.contains(method) ? "the generated classes use themselves" : "is not a Java name")
          + "; rename the event with " + annotation + "(name = \"...\")");
    }
    for (PendingEvent p : earlier) {
      if (p.name.equals(name)) {
        return fail(e, "duplicate event name \"" + name + "\": " + p.data.getSimpleName() + " already uses :"
            + namespace + "/" + name + "; give one of them another name with " + annotation + "(name = \"...\")");
      }
      if (p.method.equals(method)) {
        return fail(e, "the event names \"" + name + "\" and \"" + p.name + "\" both give the method name \""
            + method + "\"; rename one of them with " + annotation + "(name = \"...\")");
      }
    }
    ReplyType reply = client ? ReplyType.of(messager, e) : ReplyType.NONE;
    if (!reply.valid()) {
      failed = true;
      return null;
    }
    addRecord(data);
    if (reply.type() != null) {
      addRecord(reply.type());
    }
    return new PendingEvent(client, name, method, data, reply.type());
  }

  private void addRecord(TypeElement record) {
    if (records.putIfAbsent(record.getQualifiedName().toString(), record) == null) {
      toRead.add(record);
    }
  }

  private void readRecord(TypeElement record) {
    if (!record.getTypeParameters().isEmpty()) {
      fail(record, "generic records are not supported: declare " + record.getSimpleName() + " without type "
          + "parameters");
      return;
    }
    if (!isAccessible(record)) {
      fail(record, "the generated code in package " + packageOf(schema) + " cannot reach " + record.getSimpleName()
          + ": make it public (or move it into that package and make it not private)");
      return;
    }
    TypeResolver resolver = new TypeResolver(this::addRecord, e -> enums.putIfAbsent(e.getQualifiedName()
        .toString(), e));
    List<FieldModel> list = new ArrayList<>();
    Map<String, String> keys = new HashMap<>();
    for (RecordComponentElement c : record.getRecordComponents()) {
      String component = c.getSimpleName().toString();
      String key = style == NameStyle.KEBAB_CASE ? Names.kebab(component) : component;
      String problem = keywordProblem(null, key);
      if (problem != null) {
        fail(at(c), "the component name \"" + component + "\" does not make a keyword (" + problem + "); rename it");
        continue;
      }
      String other = keys.putIfAbsent(key, component);
      if (other != null) {
        fail(at(c), "the components \"" + other + "\" and \"" + component + "\" both become the key :" + key
            + "; rename one of them");
        continue;
      }
      try {
        list.add(new FieldModel(component, key, resolver.resolve(c.asType())));
      } catch (TypeResolver.Unsupported u) {
        fail(at(c), u.getMessage() + " (component \"" + component + "\" of " + record.getSimpleName() + ")");
      }
    }
    fields.put(record.getQualifiedName().toString(), List.copyOf(list));
  }

  private EnumModel enumModel(TypeElement e, String suffix) {
    List<String> constants = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Element c : e.getEnclosedElements()) {
      if (c.getKind() != ElementKind.ENUM_CONSTANT) {
        continue;
      }
      String name = c.getSimpleName().toString();
      String key = style == NameStyle.KEBAB_CASE ? Names.kebab(name) : name;
      String problem = keywordProblem(null, key);
      if (problem != null || !seen.add(key)) {
        fail(c, "the enum constant " + name + " does not make a distinct keyword (" + (problem == null
            ? "another constant also becomes :" + key : problem) + "); rename it");
      }
      constants.add(name);
      keys.add(key);
    }
    if (!isAccessible(e)) {
      fail(e, "the generated code in package " + packageOf(schema) + " cannot reach " + e.getSimpleName()
          + ": make it public");
    }
    return new EnumModel(e.getQualifiedName().toString(), ClassName.get(e), suffix, constants, keys);
  }

  /** For each record and enum: {constant, method suffix}, by simple name unless two share one. */
  private Map<String, String[]> javaNames() {
    Map<String, Integer> simpleNames = new HashMap<>();
    List<TypeElement> all = new ArrayList<>(records.values());
    all.addAll(enums.values());
    for (TypeElement t : all) {
      simpleNames.merge(t.getSimpleName().toString(), 1, Integer::sum);
    }
    Map<String, String[]> names = new HashMap<>();
    for (TypeElement t : all) {
      String simple = t.getSimpleName().toString();
      String suffix = simpleNames.get(simple) == 1 ? simple : String.join("", ClassName.get(t).simpleNames());
      names.put(t.getQualifiedName().toString(), new String[] {Names.constant(suffix), suffix});
    }
    return names;
  }

  private boolean isAccessible(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!e.getModifiers().contains(Modifier.PUBLIC) && !packageOf(e).equals(packageOf(schema))
          && e.getEnclosingElement().getKind() != ElementKind.INTERFACE) {
        return false;
      }
    }
    return true;
  }

  private static String packageOf(Element e) {
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((PackageElement) e).getQualifiedName().toString();
  }

  private static String prefix(TypeElement schema) {
    return String.join("", ClassName.get(schema).simpleNames());
  }

  /** Why {@code ns/name} is not a keyword, or {@code null} when it is. */
  static String keywordProblem(String namespace, String name) {
    try {
      Keyword.of(namespace, name);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * Where to report a problem with a record component: javac 17 gives record components (and their accessors) no source
   * position, so the error goes on the component's private field, which has the component's position.
   */
  private static Element at(RecordComponentElement c) {
    for (Element e : c.getEnclosingElement().getEnclosedElements()) {
      if (e.getKind() == ElementKind.FIELD && e.getSimpleName().contentEquals(c.getSimpleName())) {
        return e;
      }
    }
    return c;
  }

  private <T> T fail(Element e, String message) {
    messager.printMessage(Diagnostic.Kind.ERROR, message, e);
    failed = true;
    return null;
  }
}
