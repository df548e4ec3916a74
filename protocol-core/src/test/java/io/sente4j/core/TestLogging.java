package io.sente4j.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of protocol-core's tests (registered in {@code META-INF/services}): it keeps the last log lines,
 * with the MDC of each, so tests can check what was logged, and prints nothing unless asked: {@code
 * -Dsente4j.test.log=debug} (or {@code info}, {@code warn}, {@code error}) prints the lines at or above that level
 * to standard error. Tests provoke errors on purpose, so printing them by default would only be noise.
 */
public final class TestLogging implements SLF4JServiceProvider {
  /** One logged line. */
  record Line(Level level, String logger, String message, Map<String, String> mdc, Throwable error) {}

  private static final int KEPT = 10_000;
  private static final ArrayDeque<Line> LINES = new ArrayDeque<>();
  private static final String PRINT = System.getProperty("sente4j.test.log");
  private static final Level PRINTED = PRINT == null ? null : Level.valueOf(PRINT.toUpperCase(Locale.ROOT));

  private final BasicMDCAdapter mdc = new BasicMDCAdapter();
  private final BasicMarkerFactory markers = new BasicMarkerFactory();

  /** The lines logged so far (the last {@value #KEPT}). */
  static List<Line> lines() {
    synchronized (LINES) {
      return new ArrayList<>(LINES);
    }
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return Capturing::new;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class Capturing extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    Capturing(String name) {
      this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
        Throwable error) {
      String message = MessageFormatter.basicArrayFormat(pattern, args);
      Map<String, String> context = MDC.getCopyOfContextMap();
      Line line = new Line(level, name, message, context == null ? Map.of() : Map.copyOf(context), error);
      synchronized (LINES) {
        if (LINES.size() == KEPT) {
          LINES.removeFirst();
        }
        LINES.addLast(line);
      }
      if (PRINTED != null && level.toInt() >= PRINTED.toInt()) {
        System.err.println(level + " [" + Thread.currentThread().getName() + "] " + name + " " + context + " - "
            + message);
        if (error != null) {
          error.printStackTrace();
        }
      }
    }
  }
}
