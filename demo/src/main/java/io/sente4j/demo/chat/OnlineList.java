package io.sente4j.demo.chat;

import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ConnectedUids;
import io.sente4j.core.Event;
import io.sente4j.core.Keyword;
import io.sente4j.core.PresenceListener;
import java.util.function.Supplier;

/**
 * The live "who is online" list: on every change of the server's presence, everyone connected gets
 * {@code [:chat/online {:online [{:user "alice" :ws true :ajax false} ..]}]}.
 */
final class OnlineList implements PresenceListener {
  static final Keyword ONLINE = Keyword.of("chat", "online");

  private final Supplier<ChannelSocketServer> server;

  OnlineList(Supplier<ChannelSocketServer> server) {
    this.server = server;
  }

  @Override
  public void presenceChanged(ConnectedUids now) {
    server.get().broadcast(Event.of(ONLINE, Wire.map("online", Wire.online(now))));
  }
}
