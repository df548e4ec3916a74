package io.sente4j.demo.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Sente4jException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionKeyTest {
  @TempDir
  Path dir;

  @Test
  void theKeyFileIsMadeOnceReadableByItsOwnerOnlyAndReadAgainLater() throws Exception {
    Path file = dir.resolve("sub").resolve("demo-session.key");
    SessionKey made = SessionKey.load(Map.of(), file);
    assertThat(made.source()).isEqualTo("the key file " + file + " (made now)");
    assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(SessionKey.MIN_BYTES);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
          .isEqualTo("rwx------");
    }

    SessionKey again = SessionKey.load(Map.of(), file);
    assertThat(again).isEqualTo(made);
    assertThat(again.source()).isEqualTo("the key file " + file);
    assertThat(again.toString()).doesNotContain(Files.readString(file).strip());
  }

  @Test
  void theEnvironmentsSecretComesFirstAndMustBeLongEnough() {
    String secret = "x".repeat(SessionKey.MIN_BYTES);
    Path file = dir.resolve("never-made.key");
    SessionKey key = SessionKey.load(Map.of(SessionKey.SECRET_VARIABLE, secret), file);
    assertThat(key).isEqualTo(SessionKey.of(secret.getBytes(StandardCharsets.UTF_8)));
    assertThat(key.source()).isEqualTo("SENTE4J_DEMO_SECRET");
    assertThat(file).doesNotExist();

    assertThatThrownBy(() -> SessionKey.load(Map.of(SessionKey.SECRET_VARIABLE, "x".repeat(31)), file))
        .isInstanceOf(Sente4jException.class)
        .hasMessage("SENTE4J_DEMO_SECRET must hold at least 32 bytes; it holds 31");
    assertThat(SessionKey.load(Map.of(SessionKey.SECRET_VARIABLE, ""), file).source()).contains("made now");
  }

  @Test
  void aBrokenKeyFileSaysHowToMendIt() throws Exception {
    Path notBase64 = Files.writeString(dir.resolve("bad.key"), "not base64 at all!");
    assertThatThrownBy(() -> SessionKey.fromFile(notBase64)).isInstanceOf(Sente4jException.class)
        .hasMessageStartingWith("the key file " + notBase64 + " is not base64")
        .hasMessageEndingWith("delete it to make a new one (this logs everyone out)");
    Path shortKey = Files.writeString(dir.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[31]));
    assertThatThrownBy(() -> SessionKey.fromFile(shortKey))
        .hasMessage("the key file " + shortKey + " must hold at least 32 bytes; it holds 31");
    Files.writeString(dir.resolve("ok.key"), Base64.getEncoder().encodeToString(new byte[32]) + "\n");
    assertThat(SessionKey.fromFile(dir.resolve("ok.key"))).isEqualTo(SessionKey.of(new byte[32]));
  }
}
