package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientUrlTest {

  @Test
  void keepsAQueryAlreadyOnTheAddressAndDropsTheFragment() {
    URI uri = ClientUrl.build(URI.create("wss://h:8443/app/chsk?tenant=a%20b#frag"), Map.of("k", "v"), "id 1", null,
        "edn");
    assertThat(uri).hasToString("wss://h:8443/app/chsk?tenant=a%20b&k=v&client-id=id%201&sente4j-packer=edn");
    assertThat(uri.getQuery()).isEqualTo("tenant=a b&k=v&client-id=id 1&sente4j-packer=edn");
  }

  @Test
  void encodesEveryComponentAndKeepsTheParamsOrder() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("z", "1");
    params.put("ä&=", "+/?");
    params.put("flag", null);
    URI uri = ClientUrl.build(URI.create("ws://h/chsk"), params, "c", "t/k=", "json");
    assertThat(uri.getRawQuery())
        .isEqualTo("z=1&%C3%A4%26%3D=%2B%2F%3F&flag&client-id=c&csrf-token=t%2Fk%3D&sente4j-packer=json");
  }

  @Test
  void refusesTheProtocolsParameterNames() {
    for (String name : ClientUrl.RESERVED) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> ClientUrl.build(URI.create("ws://h/chsk"), Map.of(name, "x"), "c", null, "edn"))
          .withMessageContaining("\"" + name + "\" belongs to the protocol");
    }
  }

  @Test
  void ajaxUsesHttpSchemesAndWebSocketsWsSchemesWhicheverIsConfigured() {
    assertThat(ClientUrl.forAjax(URI.create("ws://h/chsk?a=1"))).hasToString("http://h/chsk?a=1");
    assertThat(ClientUrl.forAjax(URI.create("WSS://h:8443/chsk"))).hasToString("https://h:8443/chsk");
    assertThat(ClientUrl.forAjax(URI.create("https://h/chsk"))).hasToString("https://h/chsk");
    assertThat(ClientUrl.forWebSocket(URI.create("http://h/chsk"))).hasToString("ws://h/chsk");
    assertThat(ClientUrl.forWebSocket(URI.create("https://h/chsk"))).hasToString("wss://h/chsk");
    assertThat(ClientUrl.forWebSocket(URI.create("wss://h/chsk"))).hasToString("wss://h/chsk");
    assertThat(ClientUrl.forAjax(URI.create("mem://h/chsk"))).as("other schemes as they are")
        .hasToString("mem://h/chsk");
  }

  @Test
  void withParamAppendsAnEncodedParameter() {
    assertThat(ClientUrl.withParam(URI.create("http://h/chsk"), "handshake?", "1"))
        .hasToString("http://h/chsk?handshake%3F=1");
    URI base = URI.create("http://h/chsk?a=1");
    assertThat(ClientUrl.withParam(base, "udt", "17")).hasToString("http://h/chsk?a=1&udt=17");
    assertThat(ClientUrl.withParam(base, "flag", null)).hasToString("http://h/chsk?a=1&flag");
  }
}
