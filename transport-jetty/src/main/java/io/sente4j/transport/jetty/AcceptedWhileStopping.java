package io.sente4j.transport.jetty;

import io.sente4j.transport.jetty.internal.ClosedOnStop;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the connections a stopping {@link ServerConnector} accepted but never served.
 *
 * <p>Jetty 12.1 stops a connector's selectors without waiting for its acceptor thread. A connection the acceptor has
 * just taken from the listen backlog as the connector stops is queued to a selector that no longer runs: nothing
 * reads it, answers it or closes it, and the client waits until the process exits (a browser's WebSocket reconnect
 * racing a server stop neither opens nor fails). This follows every connection of the connector from its acceptance
 * until its end point closes; once the connector has stopped it closes those still open, and any accepted later.
 */
final class AcceptedWhileStopping implements SelectorManager.AcceptListener, LifeCycle.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(AcceptedWhileStopping.class);

  private final ClosedOnStop<SelectableChannel> open = new ClosedOnStop<>(channel -> {
    LOG.debug("closing {}, accepted while the connector stopped and never served", channel);
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing {} failed", channel, e);
    }
  });

  private AcceptedWhileStopping() {}

  /** Installs the watch on a connector, once however often it is called. */
  static void install(ServerConnector connector) {
    if (connector.getBean(AcceptedWhileStopping.class) != null) {
      return;
    }
    AcceptedWhileStopping watch = new AcceptedWhileStopping();
    connector.addBean(watch, false);
    connector.addEventListener(watch);
    connector.getSelectorManager().addEventListener(watch);
  }

  /** How many of the connector's connections it follows: those accepted and not yet closed. */
  int following() {
    return open.size();
  }

  @Override
  public void onAccepting(SelectableChannel channel) {
    open.add(channel);
  }

  @Override
  public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
    open.remove(channel);
  }

  @Override
  public void onClosed(SelectableChannel channel) {
    open.remove(channel);
  }

  @Override
  public void lifeCycleStarting(LifeCycle event) {
    open.starting();
  }

  @Override
  public void lifeCycleStopped(LifeCycle event) {
    open.stopping();
  }
}
