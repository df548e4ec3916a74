package io.sente4j.core.internal;

import io.sente4j.core.Chsk;
import io.sente4j.core.CloseInfo;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameException;
import io.sente4j.core.Sente4jException;
import io.sente4j.core.Via;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client does with what its connections report (PROTOCOL.md §4.4): the first frame must be the handshake
 * (anything else closes the connection with {@code error}); then pushes go to the push handler one event at a time
 * in order, a server ping is answered with a pong at once, a pong ends the keep-alive's ping (or is an ordinary reply
 * of {@code "pong"}), and a reply ends the request waiting under its callback id. Bad frames are logged, reported and
 * dropped. Reports from a connection that is no longer current are ignored.
 */
final class ClientInbound implements ClientConnection.Events {
  private static final Logger LOG = LoggerFactory.getLogger(ClientInbound.class);

  private final ClientSession session;
  private final String clientId;

  ClientInbound(ClientSession session) {
    this.session = session;
    this.clientId = session.config.clientId();
  }

  @Override
  public void received(ClientConnection c, Frame frame) {
    session.inMdc(() -> {
      synchronized (session.lock) {
        if (!session.isCurrent(c)) {
          return;
        }
        session.transportOpened(c); // a message came: the WebSocket opened, whenever the transport reports it
        session.keepAlive.traffic();
        if (frame instanceof Frame.Handshake) {
          if (session.handshaken() && c.via() == Via.WEBSOCKET) {
            LOG.warn("client {}: a second handshake on one connection; taking its uid and data", clientId);
          } else if (session.handshaken()) {
            LOG.info("client {}: the server answered a poll with a new handshake; taking its uid and data", clientId);
          }
          session.opened((Frame.Handshake) frame);
        } else if (!session.handshaken()) {
          protocolError(c, "the server's first frame was " + frame.kind() + ", not the handshake", null);
        } else {
          frame(frame);
        }
      }
    });
  }

  @Override
  public void badFrame(ClientConnection c, FrameException error) {
    session.inMdc(() -> {
      synchronized (session.lock) {
        if (!session.isCurrent(c)) {
          return;
        }
        session.transportOpened(c);
        session.keepAlive.traffic();
        LOG.warn("client {}: dropped a bad frame from the server: {}", clientId, error.getMessage());
        if (session.handshaken()) {
          session.dispatcher.reportError(session.state().uid(), error);
        } else {
          protocolError(c, "the server's first frame was bad, not the handshake", error);
        }
      }
    });
  }

  @Override
  public void closed(ClientConnection c, int code, String text) {
    session.inMdc(() -> {
      synchronized (session.lock) {
        if (session.isCurrent(c)) {
          CloseInfo info = new CloseInfo(CloseReason.fromCode(code), code, text, false);
          LOG.info("client {}: the connection closed: {} ({} {})", clientId, info.reason(), code, info.text());
          session.lost(c, info);
        }
      }
    });
  }

  @Override
  public void opened(ClientConnection c) {
    session.inMdc(() -> {
      synchronized (session.lock) {
        if (session.isCurrent(c)) {
          session.transportOpened(c);
        }
      }
    });
  }

  @Override
  public void lost(ClientConnection c, CloseInfo info, Throwable error) {
    session.inMdc(() -> {
      synchronized (session.lock) {
        if (session.isCurrent(c)) {
          LOG.info("client {}: the {} connection ended: {} ({})", clientId, c.via(), info.reason(), info.text());
          session.lost(c, info);
          if (error != null) {
            session.dispatcher.reportError(session.state().uid(), error);
          }
        }
      }
    });
  }

  @Override
  public void failed(ClientConnection c, Throwable error) {
    session.inMdc(() -> {
      synchronized (session.lock) {
        if (session.isCurrent(c)) {
          LOG.warn("client {}: the connection attempt failed: {}", clientId, error.toString());
          session.lost(c, new CloseInfo(CloseReason.ERROR, CloseReason.ABNORMAL.code(),
              String.valueOf(error.getMessage()), false));
          session.dispatcher.reportError(session.state().uid(), error);
        }
      }
    });
  }

  private void frame(Frame frame) {
    switch (frame.kind()) {
      case PUSH:
        session.dispatcher.submitEach(session.state().uid(), "push handler", ((Frame.Push) frame).events(),
            session.config.pushHandler());
        break;
      case SERVER_PING:
        session.sender.transmit(new Frame.ClientPong());
        break;
      case PONG:
        String cb = ((Frame.Pong) frame).callbackId();
        if (!session.keepAlive.pong(cb) && !session.pending.reply(cb, Chsk.PONG)) {
          LOG.debug("client {}: dropped a pong for unknown callback id {}", clientId, cb);
        }
        break;
      case REPLY:
        Frame.Reply reply = (Frame.Reply) frame;
        if (!session.pending.reply(reply.callbackId(), reply.value())) {
          LOG.debug("client {}: dropped a late or unknown reply for callback id {}", clientId, reply.callbackId());
        }
        break;
      default:
        LOG.warn("client {}: ignored an unexpected {} frame", clientId, frame.kind());
    }
  }

  private void protocolError(ClientConnection c, String why, Throwable cause) {
    LOG.warn("client {}: {}; closing with error", clientId, why);
    session.lost(c, CloseInfo.byClient(CloseReason.ERROR));
    c.close(CloseReason.ERROR);
    session.dispatcher.reportError(session.state().uid(), new Sente4jException(why, cause));
  }
}
