package io.sente4j.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads and writes the golden vector files of {@code spec/vectors/<packer>/<group>/<case>.<ext>}.
 *
 * <p>A text packer's vector ({@code .txt}) holds the exact wire bytes, UTF-8, with no trailing newline. A binary
 * packer's vector ({@code .hex}) holds the bytes as hexadecimal; whitespace in it is ignored, so long vectors can
 * be wrapped. The vectors are read from the directory named by the system property {@value #DIR_PROPERTY} when it
 * is set and holds the file (the sente4j build sets it to its {@code spec/vectors}), otherwise from the spec jar.
 */
public final class GoldenVectors {
  /** The system property naming a vectors directory to read instead of the spec jar's copy. */
  public static final String DIR_PROPERTY = "sente4j.vectors";
  /**
   * The system property that, when {@code true}, makes the conformance kit write the vector files that are missing
   * into {@value #DIR_PROPERTY} (and then fail, so the new files get reviewed before they are committed).
   */
  public static final String WRITE_PROPERTY = "sente4j.vectors.write";

  private static final String RESOURCE_ROOT = "/io/sente4j/spec/vectors/";

  private final String packer;
  private final boolean binary;

  /** The vectors of one packer. */
  public GoldenVectors(String packer, boolean binary) {
    this.packer = packer;
    this.binary = binary;
  }

  /** Whether missing vectors should be written rather than reported. */
  public static boolean writeMissing() {
    return Boolean.getBoolean(WRITE_PROPERTY);
  }

  /** The relative path of a vector, such as {@code edn/frames/handshake.txt}. */
  public String path(String group, String name) {
    return packer + "/" + group + "/" + name + (binary ? ".hex" : ".txt");
  }

  /**
   * The bytes of a vector, if the file exists: from the {@value #DIR_PROPERTY} directory when it is set and holds the
   * file, otherwise from the spec jar (so that tests run from inside a module directory, where the directory the
   * build names does not exist, still find every vector). When {@link #writeMissing()} is on, the directory is the
   * only source, so that a file missing there gets written rather than shadowed by the jar's copy.
   */
  public Optional<byte[]> read(String group, String name) {
    String rel = path(group, name);
    try {
      Optional<byte[]> raw = fromDirectory(rel);
      if (raw.isEmpty() && !(writeMissing() && System.getProperty(DIR_PROPERTY) != null)) {
        raw = fromJar(rel);
      }
      return raw.map(this::decode);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vector " + rel, e);
    }
  }

  private static Optional<byte[]> fromDirectory(String rel) throws IOException {
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir == null) {
      return Optional.empty();
    }
    Path p = Path.of(dir, rel);
    return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
  }

  private static Optional<byte[]> fromJar(String rel) throws IOException {
    try (InputStream in = GoldenVectors.class.getResourceAsStream(RESOURCE_ROOT + rel)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    }
  }

  private byte[] decode(byte[] raw) {
    return binary ? HexFormat.of().parseHex(new String(raw, StandardCharsets.US_ASCII).replaceAll("\\s+", "")) : raw;
  }

  /** Writes a vector into the {@value #DIR_PROPERTY} directory and returns its path. */
  public Path write(String group, String name, byte[] bytes) {
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir == null) {
      throw new IllegalStateException("set -D" + DIR_PROPERTY + "=<spec/vectors directory> to write vectors");
    }
    Path p = Path.of(dir, path(group, name));
    try {
      Files.createDirectories(p.getParent());
      Files.write(p, binary ? (HexFormat.of().formatHex(bytes) + "\n").getBytes(StandardCharsets.US_ASCII) : bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write vector " + p, e);
    }
    return p;
  }
}
