package io.sente4j.core;

/** {@link ChannelListener#ignoring()}. */
enum IgnoringListener implements ChannelListener {
  INSTANCE;

  @Override
  public void onMessage(Payload payload) {}

  @Override
  public void onClose(int code, String reason) {}

  @Override
  public void onError(Throwable error) {}
}
