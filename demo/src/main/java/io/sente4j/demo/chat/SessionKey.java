package io.sente4j.demo.chat;

import io.sente4j.core.Sente4jException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 key that signs the chat app's session cookies. It comes from the {@code SENTE4J_DEMO_SECRET}
 * environment variable, or else from a key file made once (32 random bytes, base64, readable by its owner only), so
 * a restarted server still accepts the cookies it signed before.
 */
public final class SessionKey {
  /** The environment variable holding the secret (at least {@value #MIN_BYTES} bytes of UTF-8). */
  public static final String SECRET_VARIABLE = "SENTE4J_DEMO_SECRET";
  /** The shortest key accepted, in bytes: the output size of SHA-256. */
  public static final int MIN_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;
  private final String source;

  private SessionKey(byte[] bytes, String source) {
    if (bytes.length < MIN_BYTES) {
      throw new Sente4jException(source + " must hold at least " + MIN_BYTES + " bytes; it holds " + bytes.length);
    }
    this.bytes = bytes.clone();
    this.source = source;
  }

  /** A key of these bytes (at least {@value #MIN_BYTES}). */
  public static SessionKey of(byte[] bytes) {
    return new SessionKey(Objects.requireNonNull(bytes, "bytes"), "the session key");
  }

  /** A new random key, good for one run only (its cookies die with it). */
  public static SessionKey random() {
    byte[] key = new byte[MIN_BYTES];
    RANDOM.nextBytes(key);
    return new SessionKey(key, "a random session key");
  }

  /** Where the key file lives unless told otherwise: {@code ~/.sente4j/demo-session.key}. */
  public static Path defaultKeyFile() {
    return Path.of(System.getProperty("user.home"), ".sente4j", "demo-session.key");
  }

  /** The key from {@link #SECRET_VARIABLE} in {@code env} if set, else from {@code keyFile}, made if missing. */
  public static SessionKey load(Map<String, String> env, Path keyFile) {
    String secret = env.get(SECRET_VARIABLE);
    if (secret != null && !secret.isEmpty()) {
      return new SessionKey(secret.getBytes(StandardCharsets.UTF_8), SECRET_VARIABLE);
    }
    return fromFile(keyFile);
  }

  /** The key in {@code file}, which is made (with a new random key, owner-only) if it does not exist. */
  public static SessionKey fromFile(Path file) {
    try {
      boolean made = !Files.exists(file) && create(file);
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      byte[] key;
      try {
        key = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new Sente4jException("the key file " + file + " is not base64 (" + e.getMessage()
            + "); delete it to make a new one (this logs everyone out)");
      }
      return new SessionKey(key, "the key file " + file + (made ? " (made now)" : ""));
    } catch (IOException e) {
      throw new Sente4jException("cannot read or make the key file " + file + ": " + e, e);
    }
  }

  /** Makes the file with a new key; false if another process made it first. */
  private static boolean create(Path file) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
    try {
      if (posix) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
        var f = file.toFile(); // the closest a non-POSIX file system comes to owner-only
        boolean ok = f.setReadable(false, false) & f.setWritable(false, false) & f.setReadable(true, true)
            & f.setWritable(true, true);
        if (!ok) {
          throw new IOException("cannot make " + file + " readable by its owner only");
        }
      }
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    byte[] key = new byte[MIN_BYTES];
    RANDOM.nextBytes(key);
    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.UTF_8);
    return true;
  }

  /** Where the key came from, for the start-up message; never the key itself. */
  public String source() {
    return source;
  }

  SecretKeySpec hmacKey() {
    return new SecretKeySpec(bytes, "HmacSHA256");
  }

  @Override
  public String toString() {
    return "SessionKey(" + source + ")"; // the bytes stay out of logs
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionKey k && java.security.MessageDigest.isEqual(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
