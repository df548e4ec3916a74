package io.sente4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VersionTest {

  @Test
  void versionComesFromTheManifestOrSaysItIsADevelopmentBuild() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--version"}, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(status).isZero();
    // Tests run from target/classes, which has no manifest: the jar built by the shade plugin carries the version.
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("sente4j (development build)\n");
  }
}
