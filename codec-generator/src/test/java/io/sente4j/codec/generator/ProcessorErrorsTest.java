package io.sente4j.codec.generator;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

/** Each mistake in a schema is a compile error on the element at fault, with the fix in the message. */
class ProcessorErrorsTest {

  private static Compilation compile(String source) {
    return javac().withProcessors(new EventSchemaProcessor())
        .compile(JavaFileObjects.forSourceString("app.Chat", "package app;\n"
            + "import io.sente4j.codec.*;\nimport java.util.*;\n" + source));
  }

  @Test
  void unsupportedComponentType() {
    Compilation c = compile("@EventSchema(namespace = \"chat\") public interface Chat {\n"
        + "  @ClientEvent record Send(String room,\n java.util.Date when) {}\n}");
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("unsupported type java.util.Date; use String, boolean").inFile(c.sourceFiles().get(0)).onLineContaining("java.util.Date when");
    assertThat(c).hadErrorContaining("(component \"when\" of Send)");
  }

  @Test
  void unsupportedTypesInsideCollectionsAndAsMapKeys() {
    Compilation c = compile("@EventSchema(namespace = \"chat\") public interface Chat {\n"
        + "  @ClientEvent record Send(\nList<Object> things,\nMap<Double, String> byDouble,\n"
        + "Optional<Optional<String>> twice,\nint[] numbers) {}\n}");
    assertThat(c).hadErrorCount(4);
    assertThat(c).hadErrorContaining("unsupported type java.lang.Object").inFile(c.sourceFiles().get(0)).onLineContaining("List<Object> things");
    assertThat(c).hadErrorContaining("map keys must be String, Keyword, UUID, Instant, an enum, or Long").inFile(c.sourceFiles().get(0)).onLineContaining("Map<Double, String> byDouble");
    assertThat(c).hadErrorContaining("an Optional inside an Optional cannot be told apart from an empty one").inFile(c.sourceFiles().get(0)).onLineContaining("twice");
    assertThat(c).hadErrorContaining("of the arrays only byte[] is supported; use a List").inFile(c.sourceFiles().get(0)).onLineContaining("int[] numbers");
  }

  @Test
  void duplicateEventName() {
    Compilation c = compile("@EventSchema(namespace = \"chat\") public interface Chat {\n"
        + "  @ClientEvent(name = \"send\") record Send(String room) {}\n"
        + "  @ServerPush(name = \"send\") record Echo(String room) {}\n}");
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("duplicate event name \"send\": Send already uses :chat/send; give one of "
        + "them another name with @ServerPush(name = \"...\")").inFile(c.sourceFiles().get(0)).onLineContaining("record Echo");
  }

  @Test
  void eventNamesThatMakeTheSameMethod() {
    Compilation c = compile("@EventSchema(namespace = \"chat\") public interface Chat {\n"
        + "  @ClientEvent(name = \"send-it\") record A(String room) {}\n"
        + "  @ClientEvent(name = \"send_it\") record B(String room) {}\n}");
    assertThat(c).hadErrorContaining("both give the method name \"sendIt\"").inFile(c.sourceFiles().get(0)).onLineContaining("record B");
  }

  @Test
  void reservedChskNamespace() {
    Compilation c = compile("@EventSchema(namespace = \"chsk\") public interface Chat {\n"
        + "  @ClientEvent record Send(String room) {}\n}");
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("the namespace \"chsk\" is reserved for the protocol's own events; choose "
        + "another, such as @EventSchema(namespace = \"chat\")").inFile(c.sourceFiles().get(0)).onLineContaining("public interface Chat");
  }

  @Test
  void replyTypeThatIsNotARecord() {
    Compilation c = compile("@EventSchema(namespace = \"chat\") public interface Chat {\n"
        + "  @ClientEvent(reply = String.class) record Send(String room) {}\n}");
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("the reply type java.lang.String of Send is not a record: declare the reply as "
        + "a record, such as record SendReply(long id) {}").inFile(c.sourceFiles().get(0)).onLineContaining("reply = String.class");
  }

  @Test
  void eventThatIsNotARecord() {
    Compilation c = compile("@EventSchema(namespace = \"chat\") public interface Chat {\n"
        + "  @ServerPush final class Message { String text; }\n}");
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("@ServerPush must be on a record: make Message a record whose components are "
        + "the event's data").inFile(c.sourceFiles().get(0)).onLineContaining("final class Message");
  }

  @Test
  void eventOutsideASchema() {
    Compilation c = compile("public interface Chat {\n  @ClientEvent record Send(String room) {}\n}");
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("@ClientEvent Send must be declared inside an @EventSchema interface").inFile(c.sourceFiles().get(0)).onLineContaining("record Send");
  }

  @Test
  void schemaThatIsNotAnInterface() {
    Compilation c = compile("@EventSchema(namespace = \"chat\") public class Chat {\n"
        + "  @ClientEvent record Send(String room) {}\n}");
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("@EventSchema must be on an interface: make Chat an interface").inFile(c.sourceFiles().get(0)).onLineContaining("public class Chat");
  }

  @Test
  void eventNameThatIsNotAKeyword() {
    Compilation c = compile("@EventSchema(namespace = \"chat\") public interface Chat {\n"
        + "  @ClientEvent(name = \"a b\") record Send(String room) {}\n}");
    assertThat(c).hadErrorContaining("the event name \"a b\" is not a keyword name").inFile(c.sourceFiles().get(0)).onLineContaining("record Send");
  }

  @Test
  void eventNameThatClashesWithAGeneratedMethod() {
    Compilation c = compile("@EventSchema(namespace = \"chat\") public interface Chat {\n"
        + "  @ClientEvent(name = \"socket\") record Send(String room) {}\n}");
    assertThat(c).hadErrorContaining("gives the method name \"socket\", which the generated classes use themselves").inFile(c.sourceFiles().get(0)).onLineContaining("record Send");
  }

  @Test
  void componentsThatBecomeTheSameKebabKey() {
    Compilation c = compile("@EventSchema(namespace = \"chat\", names = NameStyle.KEBAB_CASE) "
        + "public interface Chat {\n  @ClientEvent record Send(String userId,\n String userID) {}\n}");
    assertThat(c).hadErrorContaining("the components \"userId\" and \"userID\" both become the key :user-id").inFile(c.sourceFiles().get(0)).onLineContaining("String userID");
  }

  @Test
  void genericAndPrivateRecords() {
    Compilation c = compile("@EventSchema(namespace = \"chat\") public interface Chat {\n"
        + "  @ClientEvent record Send(Page<String> page) {}\n"
        + "  record Page<T>(List<T> items) {}\n}");
    assertThat(c).hadErrorContaining("generic records are not supported").inFile(c.sourceFiles().get(0)).onLineContaining("Page<String> page");
  }

  @Test
  void aValidSchemaCompilesWithoutWarnings() {
    Compilation c = compile("@EventSchema(namespace = \"chat\") public interface Chat {\n"
        + "  @ClientEvent(reply = Ack.class) record Send(String room, List<String> tags) {}\n"
        + "  @ServerPush record Message(String room, Optional<String> from) {}\n"
        + "  record Ack(long id) {}\n}");
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("app.ChatCodecs");
    assertThat(c).generatedSourceFile("app.ChatEvents");
    assertThat(c).generatedSourceFile("app.ChatClient");
    assertThat(c).generatedSourceFile("app.ChatServer");
    assertThat(c).generatedSourceFile("app.ChatHandler");
    assertThat(c).generatedSourceFile("app.ChatAsyncHandler");
  }
}
