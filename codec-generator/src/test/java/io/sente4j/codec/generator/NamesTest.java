package io.sente4j.codec.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void kebabCaseSplitsJavaWords() {
    assertThat(Names.kebab("fromUser")).isEqualTo("from-user");
    assertThat(Names.kebab("userID")).isEqualTo("user-id");
    assertThat(Names.kebab("HTMLParser")).isEqualTo("html-parser");
    assertThat(Names.kebab("DARK_RED")).isEqualTo("dark-red");
    assertThat(Names.kebab("SendAck")).isEqualTo("send-ack");
    assertThat(Names.kebab("room")).isEqualTo("room");
    assertThat(Names.kebab("a1B")).isEqualTo("a1-b");
  }

  @Test
  void eventNamesBecomeMethodsAndConstants() {
    assertThat(Names.lowerCamel("send-message")).isEqualTo("sendMessage");
    assertThat(Names.lowerCamel("typing-in")).isEqualTo("typingIn");
    assertThat(Names.lowerCamel("send")).isEqualTo("send");
    assertThat(Names.lowerCamel("-")).isEmpty();
    assertThat(Names.constant("send-message")).isEqualTo("SEND_MESSAGE");
    assertThat(Names.constant("SendAck")).isEqualTo("SEND_ACK");
    assertThat(Names.isJavaName("class")).isFalse();
    assertThat(Names.isJavaName("2go")).isFalse();
    assertThat(Names.isJavaName("send")).isTrue();
  }
}
