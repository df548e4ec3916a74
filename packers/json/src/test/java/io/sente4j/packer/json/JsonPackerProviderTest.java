package io.sente4j.packer.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.PackerRegistry;
import org.junit.jupiter.api.Test;

/** Registration with {@link java.util.ServiceLoader} and the packer's fixed properties. */
class JsonPackerProviderTest {

  @Test
  void isFoundByName() {
    PackerRegistry registry = PackerRegistry.load();
    assertThat(registry.contains("json")).isTrue();
    Packer p = registry.get("json");
    assertThat(p).isInstanceOf(JsonPacker.class);
    assertThat(p.name()).isEqualTo("json").isEqualTo(JsonPacker.NAME);
    assertThat(p.isBinary()).isFalse();
    assertThat(p.carriesKeywords()).isFalse();
    assertThat(p.pack(1L).isText()).isTrue();
  }

  @Test
  void sharesOnePackerForTheDefaultLimits() {
    JsonPackerProvider provider = new JsonPackerProvider();
    assertThat(provider.name()).isEqualTo("json");
    assertThat(provider.create()).isSameAs(provider.create());
    assertThat(provider.create(PackerLimits.defaults())).isSameAs(provider.create());
  }

  @Test
  void createsAPackerWithOtherLimits() {
    PackerLimits limits = PackerLimits.builder().maxDepth(3).build();
    Packer p = new JsonPackerProvider().create(limits);
    assertThat(p.limits()).isEqualTo(limits);
    assertThat(p.toString()).contains("JsonPacker").contains("maxDepth=3");
  }
}
