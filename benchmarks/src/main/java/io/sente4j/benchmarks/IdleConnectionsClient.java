package io.sente4j.benchmarks;

import io.sente4j.client.jdk.JdkClientTransport;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Scheduler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client process of {@link IdleConnections}: full sente4j clients ({@link ChannelSocketClient} on one shared
 * {@link JdkClientTransport}, one shared executor and scheduler), opened on command and then left idle (they ping
 * the server every 20 s, as any idle client does).
 *
 * <p>Reads commands on standard input, one a line: {@code open <count>} opens that many more clients, at most
 * {@value #CONCURRENT_CONNECTS} connecting at a time, then prints {@code opened <total> failed <failures>}. End of
 * input (the server process closing the pipe, or ending) closes every client and exits.
 *
 * <p>Usage: {@code IdleConnectionsClient <ws-uri> <process-index>}.
 */
public final class IdleConnectionsClient {
  static final int CONCURRENT_CONNECTS = 64;

  private IdleConnectionsClient() {}

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String index = args[1];
    JdkClientTransport transport = JdkClientTransport.create();
    ExecutorService executor = Executors.newFixedThreadPool(2, daemon("idle-client-"));
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, daemon("idle-timers-"));
    Scheduler scheduler = Scheduler.of(timers);
    Packer edn = PackerRegistry.load().get("edn");
    List<ChannelSocketClient> clients = new ArrayList<>();
    AtomicInteger failed = new AtomicInteger();
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = commands.readLine(); line != null; line = commands.readLine()) {
      String[] command = line.trim().split("\\s+");
      if (!"open".equals(command[0]) || command.length != 2) {
        System.err.println("client " + index + ": unknown command: " + line);
        continue;
      }
      int count = Integer.parseInt(command[1]);
      Semaphore connecting = new Semaphore(CONCURRENT_CONNECTS);
      for (int i = 0; i < count; i++) {
        connecting.acquire();
        ChannelSocketClient client = ChannelSocketClient.builder(uri, transport)
            .packer(edn)
            .clientId("idle-" + index + "-" + clients.size())
            .executor(executor)
            .scheduler(scheduler)
            .build();
        clients.add(client);
        client.connect().orTimeout(60, TimeUnit.SECONDS).whenComplete((state, error) -> {
          if (error != null && failed.getAndIncrement() == 0) {
            System.err.println("client " + index + ": a connection failed: " + error);
          }
          connecting.release();
        });
      }
      connecting.acquire(CONCURRENT_CONNECTS); // every connect of this command has ended
      connecting.release(CONCURRENT_CONNECTS);
      System.out.println("opened " + clients.size() + " failed " + failed.get());
      System.out.flush();
    }
    for (ChannelSocketClient client : clients) {
      client.close();
    }
    System.exit(0);
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
