package io.sente4j.client.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made once per test run by the JDK's keytool
 * into {@code target/tls/}, and what serves and trusts it: Jetty's {@link SslContextFactory.Server} and an {@link
 * SSLContext} that both presents it (for a TLS proxy) and trusts it (for clients).
 */
final class SelfSignedTls {
  static final String PASSWORD = "sente4j-test";
  private static Path store;

  private SelfSignedTls() {}

  /** The PKCS12 key store, made on first use. */
  static synchronized Path keyStore() {
    if (store == null) {
      try {
        Path dir = Files.createDirectories(Path.of("target", "tls"));
        Path file = dir.resolve("server-" + ProcessHandle.current().pid() + ".p12");
        Files.deleteIfExists(file);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
            "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IllegalStateException("keytool failed: " + output);
        }
        store = file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return store;
  }

  /** Jetty's server side: serves the certificate. A new one each call (Jetty owns its lifecycle). */
  static SslContextFactory.Server server() {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(keyStore().toString());
    tls.setKeyStorePassword(PASSWORD);
    tls.setKeyStoreType("PKCS12");
    return tls;
  }

  /** Trusts the certificate and can present it too. */
  static SSLContext context() {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keyStore())) {
        ks.load(in, PASSWORD.toCharArray());
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD.toCharArray());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
