package io.sente4j.benchmarks;

import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Idle connections and heap per connection: this process runs the sente4j Jetty server ({@link JettyChannelServer}
 * over a {@link ChannelSocketServer}, edn packer), starts client processes ({@link IdleConnectionsClient}) that each
 * open a share of the connections, waits until the server counts them all open, then forces garbage collections and
 * reads the used heap against the baseline taken before any connection.
 *
 * <p>The connections open in two halves, so the heap is read three times: before any, with half, with all. {@code
 * per connection} is (all - before) / N; {@code marginal} is (all - half) / (N - half), which leaves out one-time
 * costs (classes' static caches, pool growth) that the first connections pay.
 *
 * <p>Usage: {@code IdleConnections [--connections N] [--clients K] [--client-heap 1g] [--timeout-s 600] [--json
 * file]}. Prints a summary line starting {@code IDLE-CONNECTIONS}; exits 0 when every connection opened, 1 otherwise.
 * Run it through {@code benchmarks/run-idle-connections.sh}.
 */
public final class IdleConnections {
  /** The target: at least this many connections ... */
  static final int TARGET_CONNECTIONS = 15_000;
  /** ... at most this many bytes of heap each. */
  static final long TARGET_BYTES_PER_CONNECTION = 20 * 1024;
  /** File descriptors a process needs beside its sockets (jars, selectors, pipes, the JVM's own). */
  private static final int SPARE_FILES = 300;
  /** The most connections one client process opens when the count of processes is not given. */
  private static final int MAX_PER_CLIENT_PROCESS = 5000;

  private IdleConnections() {}

  public static void main(String[] args) throws Exception {
    int connections = TARGET_CONNECTIONS;
    int clients = 0;
    String clientHeap = "1g";
    long timeoutSeconds = 600;
    Path json = null;
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--connections" -> connections = Integer.parseInt(value);
        case "--clients" -> clients = Integer.parseInt(value);
        case "--client-heap" -> clientHeap = value;
        case "--timeout-s" -> timeoutSeconds = Long.parseLong(value);
        case "--json" -> json = value.isBlank() ? null : Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long maxFiles = maxFileDescriptors();
    if (clients <= 0) {
      long perProcess = Math.max(1, Math.min(MAX_PER_CLIENT_PROCESS, maxFiles - SPARE_FILES));
      clients = (int) Math.max(1, (connections + perProcess - 1) / perProcess);
    }
    if (connections + SPARE_FILES > maxFiles) {
      System.out.printf(Locale.ROOT, "warning: the server process may open %d files (ulimit -n); %d connections need"
          + " about %d%n", maxFiles, connections, connections + SPARE_FILES);
    }
    System.exit(run(connections, clients, clientHeap, timeoutSeconds, json, maxFiles) ? 0 : 1);
  }

  private static boolean run(int connections, int clientCount, String clientHeap, long timeoutSeconds, Path json,
      long maxFiles) throws Exception {
    ChannelSocketServer server = ChannelSocketServer.builder(PackerRegistry.load().get("edn"))
        .withoutCsrfCheck()
        .userId((request, clientId) -> clientId)
        .maxConnectionsPerAddress(connections + 1000) // every client comes from 127.0.0.1
        .build();
    JettyChannelServer jetty = JettyChannelServer.builder(server).host("127.0.0.1").port(0).start();
    List<Process> processes = new ArrayList<>();
    List<BufferedReader> replies = new ArrayList<>();
    List<PrintWriter> commands = new ArrayList<>();
    try {
      Heap before = Heap.settled();
      System.out.printf(Locale.ROOT, "server at %s; heap before: %s; %d client processes, file limit %d%n",
          jetty.webSocketUri(), before, clientCount, maxFiles);
      String java = ProcessHandle.current().info().command().orElse("java");
      for (int i = 0; i < clientCount; i++) {
        Process p = new ProcessBuilder(java, "-Xmx" + clientHeap, "-cp", System.getProperty("java.class.path"),
            IdleConnectionsClient.class.getName(), jetty.webSocketUri().toString(), Integer.toString(i))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(p);
        replies.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        commands.add(new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      int half = openShares(connections / 2, 0, commands, replies);
      long openHalf = awaitOpen(server, half, deadline);
      Heap withHalf = Heap.settled();
      System.out.printf(Locale.ROOT, "%d open; heap: %s%n", openHalf, withHalf);
      int all = openShares(connections, half, commands, replies);
      long open = awaitOpen(server, all, deadline);
      Heap withAll = Heap.settled();
      System.out.printf(Locale.ROOT, "%d open; heap: %s%n", open, withAll);

      double perConnection = (withAll.used - before.used) / (double) open;
      double marginal = (withAll.used - withHalf.used) / (double) (open - openHalf);
      boolean met = open >= TARGET_CONNECTIONS && perConnection <= TARGET_BYTES_PER_CONNECTION;
      System.out.printf(Locale.ROOT, "IDLE-CONNECTIONS connections=%d/%d heap-per-connection=%.0f B (%.1f KB)"
              + " marginal=%.0f B direct-buffers=%d B server-heap-max=%d MB clients=%d;"
              + " target >= %d connections at <= %d KB each: %s%n",
          open, connections, perConnection, perConnection / 1024, marginal, withAll.direct,
          Runtime.getRuntime().maxMemory() >> 20, clientCount, TARGET_CONNECTIONS,
          TARGET_BYTES_PER_CONNECTION / 1024, met ? "MET" : "MISSED");
      if (json != null) {
        writeJson(json, connections, open, clientCount, before, withHalf, openHalf, withAll, perConnection, marginal);
      }
      return open == connections;
    } finally {
      commands.forEach(PrintWriter::close); // end of input: the clients close their connections and exit
      for (Process p : processes) {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
      server.stop();
      jetty.close();
    }
  }

  /**
   * Has every client process open its share of {@code total} connections, less the {@code already} open, and waits
   * for their replies; returns the connections they say are open.
   */
  private static int openShares(int total, int already, List<PrintWriter> commands, List<BufferedReader> replies)
      throws IOException {
    int n = commands.size();
    for (int i = 0; i < n; i++) {
      commands.get(i).println("open " + (share(total, n, i) - share(already, n, i)));
    }
    int opened = 0;
    for (int i = 0; i < n; i++) {
      String reply = replies.get(i).readLine();
      if (reply == null) {
        throw new IllegalStateException("client process " + i + " ended (see its error output above)");
      }
      System.out.println("client " + i + ": " + reply);
      String[] words = reply.split(" ");
      opened += Integer.parseInt(words[1]) - Integer.parseInt(words[3]);
    }
    return opened;
  }

  /** Process {@code i}'s share of {@code total} over {@code n} processes. */
  private static int share(int total, int n, int i) {
    return total / n + (i < total % n ? 1 : 0);
  }

  /** Waits until the server counts {@code expected} open WebSockets (or the deadline); returns the count. */
  private static long awaitOpen(ChannelSocketServer server, long expected, long deadline) throws InterruptedException {
    long open = server.metrics().openWebSockets();
    while (open < expected && System.nanoTime() < deadline) {
      Thread.sleep(200);
      open = server.metrics().openWebSockets();
    }
    Thread.sleep(2000); // let the handshakes' garbage and the first pings settle before measuring
    return server.metrics().openWebSockets();
  }

  private static long maxFileDescriptors() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount()
        : Long.MAX_VALUE;
  }

  private static void writeJson(Path file, int asked, long open, int clients, Heap before, Heap half, long openHalf,
      Heap all, double perConnection, double marginal) throws IOException {
    String text = String.format(Locale.ROOT, """
        {
          "benchmark": "IdleConnections",
          "date": "%s",
          "jvm": "%s",
          "serverHeapMaxBytes": %d,
          "clientProcesses": %d,
          "connectionsAsked": %d,
          "connectionsOpen": %d,
          "heapUsedBefore": %d,
          "connectionsOpenHalf": %d,
          "heapUsedHalf": %d,
          "heapUsedAll": %d,
          "directBuffersBefore": %d,
          "directBuffersAll": %d,
          "heapBytesPerConnection": %.1f,
          "marginalHeapBytesPerConnection": %.1f
        }
        """, Instant.now(), System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory(), clients, asked,
        open, before.used, openHalf, half.used, all.used, before.direct, all.direct, perConnection, marginal);
    Files.writeString(file, text);
    System.out.println("wrote " + file);
  }

  /** The used heap after several forced collections, and the direct buffers in use. */
  record Heap(long used, long direct) {
    static Heap settled() throws InterruptedException {
      for (int i = 0; i < 5; i++) {
        System.gc();
        Thread.sleep(200);
      }
      long direct = 0;
      for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
        if ("direct".equals(pool.getName())) {
          direct = pool.getMemoryUsed();
        }
      }
      return new Heap(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), direct);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.1f MB used, %.1f MB direct buffers", used / 1048576.0, direct / 1048576.0);
    }
  }
}
