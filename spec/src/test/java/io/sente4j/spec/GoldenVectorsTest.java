package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vectors come from the named directory when it holds the file, otherwise from the jar. */
class GoldenVectorsTest {
  private final String savedDir = System.getProperty(GoldenVectors.DIR_PROPERTY);
  private final String savedWrite = System.getProperty(GoldenVectors.WRITE_PROPERTY);
  private final GoldenVectors edn = new GoldenVectors("edn", false);

  @AfterEach
  void restore() {
    set(GoldenVectors.DIR_PROPERTY, savedDir);
    set(GoldenVectors.WRITE_PROPERTY, savedWrite);
  }

  @Test
  void fallsBackToTheJarWhenTheDirectoryLacksTheFile(@TempDir Path dir) {
    set(GoldenVectors.DIR_PROPERTY, dir.resolve("does-not-exist").toString());
    assertThat(edn.read("frames", "server-ping")).hasValueSatisfying(b ->
        assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("[:chsk/ws-ping nil]"));
    set(GoldenVectors.DIR_PROPERTY, null);
    assertThat(edn.read("frames", "server-ping")).isPresent();
    assertThat(edn.read("frames", "no-such-case")).isEmpty();
  }

  @Test
  void prefersTheDirectoryWhenItHoldsTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(edn.path("frames", "server-ping"));
    Files.createDirectories(file.getParent());
    Files.writeString(file, "[:chsk/other nil]");
    set(GoldenVectors.DIR_PROPERTY, dir.toString());
    assertThat(edn.read("frames", "server-ping")).hasValueSatisfying(b ->
        assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("[:chsk/other nil]"));
  }

  @Test
  void whenWritingTheDirectoryIsTheOnlySource(@TempDir Path dir) {
    set(GoldenVectors.DIR_PROPERTY, dir.toString());
    set(GoldenVectors.WRITE_PROPERTY, "true");
    assertThat(edn.read("frames", "server-ping")).isEmpty();
    Path written = edn.write("frames", "server-ping", "[:chsk/ws-ping nil]".getBytes(StandardCharsets.UTF_8));
    assertThat(written).exists();
    assertThat(edn.read("frames", "server-ping")).isPresent();
  }

  private static void set(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
