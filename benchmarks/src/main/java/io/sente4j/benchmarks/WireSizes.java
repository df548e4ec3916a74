package io.sente4j.benchmarks;

import io.sente4j.core.PackerRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes on the wire: the packed size of each benchmark payload with every packer on the class path, as a Markdown
 * table (exact figures, not timings). Run with {@code java -cp benchmarks/target/benchmarks.jar
 * io.sente4j.benchmarks.WireSizes}.
 */
public final class WireSizes {
  private WireSizes() {}

  /** The table: one row per payload, one column per packer, sorted by name. */
  public static String table() {
    PackerRegistry registry = PackerRegistry.load();
    List<String> names = new ArrayList<>(registry.names());
    StringBuilder sb = new StringBuilder("| payload |");
    names.forEach(n -> sb.append(' ').append(n).append(" |"));
    sb.append("\n|---|");
    names.forEach(n -> sb.append("---:|"));
    sb.append('\n');
    for (String payload : Payloads.NAMES) {
      sb.append("| ").append(payload).append(" |");
      Object value = Payloads.get(payload);
      for (String n : names) {
        sb.append(' ').append(registry.get(n).pack(value).byteLength()).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Prints {@link #table()}. */
  public static void main(String[] args) {
    System.out.print(table());
  }
}
