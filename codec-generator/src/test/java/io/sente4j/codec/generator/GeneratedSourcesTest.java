package io.sente4j.codec.generator;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The README's schema generates exactly the sources in {@code src/test/resources/golden/app} (compared as syntax
 * trees, so formatting does not matter); the QuickTheories generators only with the option.
 */
class GeneratedSourcesTest {
  private static final JavaFileObject CHAT = JavaFileObjects.forResource("golden/app/Chat.java");
  private static final List<String> ALWAYS = List.of("Codecs", "Events", "Client", "Handler", "AsyncHandler",
      "Server");

  @Test
  void generatesTheGoldenSources() {
    Compilation c = javac().withProcessors(new EventSchemaProcessor()).compile(CHAT);
    assertThat(c).succeededWithoutWarnings();
    for (String suffix : ALWAYS) {
      assertThat(c).generatedSourceFile("app.Chat" + suffix)
          .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/app/Chat" + suffix + ".java"));
    }
    assertThat(c.generatedSourceFiles()).hasSize(ALWAYS.size());
  }

  @Test
  void generatorsOnlyWithTheOption() {
    Compilation c = javac().withProcessors(new EventSchemaProcessor()).withOptions("-Asente4j.generators=true")
        .compile(CHAT);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("app.ChatGens")
        .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/app/ChatGens.java"));
    assertThat(c.generatedSourceFiles()).hasSize(ALWAYS.size() + 1);
  }

  /**
   * Only a record whose data can nest without a bound (it holds itself, or holds a record that does) decodes inside
   * a guard that turns running out of stack into a CodecException; the others decode as they are.
   */
  @Test
  void onlyRecordsThatCanNestWithoutBoundGuardTheirDecodeAgainstTheStack() throws Exception {
    JavaFileObject schema = JavaFileObjects.forSourceString("app.Nesting", String.join("\n",
        "package app;",
        "import io.sente4j.codec.*;",
        "import java.util.*;",
        "@EventSchema(namespace = \"n\")",
        "public interface Nesting {",
        "  @ServerPush record Flat(String a, List<Integer> b) {}",
        "  @ServerPush record Holder(Optional<A> a) {}",
        "  record A(List<B> bs) {}",
        "  record B(Optional<A> a) {}",
        "}"));
    Compilation c = javac().withProcessors(new EventSchemaProcessor()).compile(schema);
    assertThat(c).succeededWithoutWarnings();
    String codecs = c.generatedSourceFile("app.NestingCodecs").orElseThrow().getCharContent(true).toString();
    for (String record : List.of("Holder", "A", "B")) {
      assertThat(codecs).as(record).contains("public Nesting." + record + " decode(Object data) {\n      try {\n"
          + "        return decode" + record + "(data);\n      } catch (StackOverflowError e) {\n"
          + "        throw CodecException.nestedTooDeeply();");
    }
    assertThat(codecs).contains("public Nesting.Flat decode(Object data) {\n      return decodeFlat(data);");
  }

  @Test
  void declaresItselfAnIsolatingIncrementalProcessor() throws Exception {
    ClassLoader loader = EventSchemaProcessor.class.getClassLoader();
    try (var in = loader.getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim())
          .isEqualTo(EventSchemaProcessor.class.getName() + ",isolating");
    }
    try (var in = loader.getResourceAsStream("META-INF/services/javax.annotation.processing.Processor")) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim())
          .isEqualTo(EventSchemaProcessor.class.getName());
    }
  }
}
