package io.sente4j.crosscheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sente4j.core.Bytes;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the cross-check's manifest: for each packer named, every golden vector of {@code values/} and {@code
 * frames/}, and of a packer's own groups where it has them ({@code key-cache/} for msgpack), with the value sente4j
 * reads from it (a binary packer's file holds hexadecimal text, as in spec/vectors). Run by the build
 * (exec-maven-plugin) before Node.js.
 *
 * <pre>WriteManifest &lt;spec/vectors&gt; &lt;packer,packer,...&gt; &lt;manifest.json&gt;</pre>
 */
public final class WriteManifest {
  /** Groups only some packers have. */
  private static final List<String> OPTIONAL_GROUPS = List.of("key-cache");

  private WriteManifest() {}

  /** Entry point; see the class documentation for the arguments. */
  public static void main(String[] args) throws IOException {
    Path vectors = Path.of(args[0]);
    ObjectMapper json = new ObjectMapper();
    ObjectNode packers = json.createObjectNode();
    PackerRegistry registry = PackerRegistry.load();
    for (String name : args[1].split(",")) {
      Packer packer = registry.get(name.trim());
      ArrayNode cases = json.createArrayNode();
      for (String group : List.of("values", "frames", "key-cache")) {
        Path dir = vectors.resolve(packer.name()).resolve(group);
        if (!Files.isDirectory(dir)) {
          if (OPTIONAL_GROUPS.contains(group)) {
            continue;
          }
          throw new IOException("no golden vectors for " + packer.name() + " in " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.sorted().toList()) {
            String file = f.getFileName().toString();
            ObjectNode c = cases.addObject();
            c.put("path", group + "/" + file.substring(0, file.lastIndexOf('.')));
            c.put("file", f.toString());
            c.set("value", Cj.of(packer.unpack(payload(f, packer))));
          }
        }
      }
      packers.putObject(packer.name()).set("cases", cases);
    }
    Path out = Path.of(args[2]);
    Files.createDirectories(out.getParent());
    json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), json.createObjectNode().set("packers", packers));
    System.out.println("crosscheck: manifest of " + args[1] + " written to " + out);
  }

  static Payload payload(Path f, Packer packer) throws IOException {
    byte[] raw = Files.readAllBytes(f);
    if (packer.isBinary()) {
      return Payload.binary(Bytes.wrap(HexFormat.of().parseHex(
          new String(raw, StandardCharsets.US_ASCII).replaceAll("\\s+", ""))));
    }
    return Payload.text(new String(raw, StandardCharsets.UTF_8));
  }
}
