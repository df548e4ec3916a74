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
 * is set (the sente4j build sets it to its {@code spec/vectors}), otherwise from the spec jar.
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

  /** The bytes of a vector, if the file exists. */
  public Optional<byte[]> read(String group, String name) {
    String rel = path(group, name);
    try {
      byte[] raw;
      String dir = System.getProperty(DIR_PROPERTY);
      if (dir != null) {
        Path p = Path.of(dir, rel);
        if (!Files.exists(p)) {
          return Optional.empty();
        }
        raw = Files.readAllBytes(p);
      } else {
        try (InputStream in = GoldenVectors.class.getResourceAsStream(RESOURCE_ROOT + rel)) {
          if (in == null) {
            return Optional.empty();
          }
          raw = in.readAllBytes();
        }
      }
      return Optional.of(binary ? HexFormat.of().parseHex(
          new String(raw, StandardCharsets.US_ASCII).replaceAll("\\s+", "")) : raw);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vector " + rel, e);
    }
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
