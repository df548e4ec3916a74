package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackerRegistryTest {
  private final PackerProvider alpha = new TestProviders.Alpha();
  private final PackerProvider beta = new TestProviders.Beta();

  @Test
  void looksUpProvidersByName() {
    PackerRegistry registry = PackerRegistry.of(List.of(alpha, beta));
    assertThat(registry.provider("alpha")).isSameAs(alpha);
    assertThat(registry.provider("beta")).isSameAs(beta);
    assertThat(registry.contains("alpha")).isTrue();
    assertThat(registry.contains("gamma")).isFalse();
  }

  @Test
  void namesAreSorted() {
    PackerRegistry registry = PackerRegistry.of(List.of(beta, alpha));
    assertThat(registry.names()).containsExactly("alpha", "beta");
  }

  @Test
  void namesAreUnmodifiable() {
    List<String> names = PackerRegistry.of(List.of(alpha)).names();
    assertThatThrownBy(() -> names.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void registryDoesNotFollowChangesToTheGivenList() {
    List<PackerProvider> providers = new ArrayList<>(List.of(alpha));
    PackerRegistry registry = PackerRegistry.of(providers);
    providers.add(beta);
    assertThat(registry.names()).containsExactly("alpha");
  }

  @Test
  void getCreatesPackerWithDefaultLimits() {
    Packer p = PackerRegistry.of(List.of(alpha)).get("alpha");
    assertThat(p.name()).isEqualTo("alpha");
    assertThat(p.limits()).isEqualTo(PackerLimits.defaults());
  }

  @Test
  void getCreatesPackerWithGivenLimits() {
    PackerLimits limits = new PackerLimits(2, 3, 4);
    assertThat(PackerRegistry.of(List.of(alpha)).get("alpha", limits).limits()).isEqualTo(limits);
  }

  @Test
  void unknownNameListsTheAvailableNames() {
    PackerRegistry registry = PackerRegistry.of(List.of(beta, alpha));
    assertThatThrownBy(() -> registry.get("cbor"))
        .isInstanceOfSatisfying(UnknownPackerException.class, e -> {
          assertThat(e.requested()).isEqualTo("cbor");
          assertThat(e.available()).containsExactly("alpha", "beta");
        })
        .hasMessage("no packer named \"cbor\"; available: alpha, beta");
    assertThatThrownBy(() -> registry.provider("cbor")).isInstanceOf(UnknownPackerException.class);
    assertThatThrownBy(() -> registry.get("cbor", PackerLimits.defaults()))
        .isInstanceOf(UnknownPackerException.class);
  }

  @Test
  void unknownNameInEmptyRegistrySaysNone() {
    assertThatThrownBy(() -> PackerRegistry.of(List.of()).get("edn"))
        .isInstanceOf(UnknownPackerException.class)
        .hasMessage("no packer named \"edn\"; available: none (is a packer artifact on the class path?)");
  }

  @Test
  void namesAreCaseSensitive() {
    assertThatThrownBy(() -> PackerRegistry.of(List.of(alpha)).get("ALPHA"))
        .isInstanceOf(UnknownPackerException.class);
  }

  @Test
  void rejectsTheSameNameFromDifferentClasses() {
    PackerProvider other = new TestProviders.OtherAlpha();
    assertThatIllegalStateException().isThrownBy(() -> PackerRegistry.of(List.of(alpha, beta, other)))
        .withMessage("two packers are named \"alpha\": " + TestProviders.Alpha.class.getName() + " and "
            + TestProviders.OtherAlpha.class.getName());
  }

  @Test
  void keepsTheFirstOfTwoProvidersOfTheSameClass() {
    PackerProvider second = new TestProviders.Alpha();
    PackerRegistry registry = PackerRegistry.of(List.of(alpha, second));
    assertThat(registry.names()).containsExactly("alpha");
    assertThat(registry.provider("alpha")).isSameAs(alpha);
  }

  @Test
  void rejectsProviderWithoutName() {
    assertThatNullPointerException().isThrownBy(() -> PackerRegistry.of(List.of(new TestProviders.Nameless())))
        .withMessage("provider name");
  }

  @Test
  void loadFindsServiceProvidersOfTheClassLoader() {
    PackerRegistry registry = PackerRegistry.load(getClass().getClassLoader());
    assertThat(registry.names()).containsExactly("alpha", "beta");
    assertThat(registry.provider("alpha")).isInstanceOf(TestProviders.Alpha.class);
  }

  @Test
  void loadFindsNothingInAClassLoaderWithoutProviders() throws Exception {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThat(PackerRegistry.load(empty).names()).isEmpty();
    }
  }

  @Test
  void loadWithoutArgumentUsesTheContextClassLoader() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      thread.setContextClassLoader(empty);
      assertThat(PackerRegistry.load().names()).isEmpty();
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  @Test
  void loadWithoutContextClassLoaderUsesTheRegistrysOwn() {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    try {
      thread.setContextClassLoader(null);
      assertThat(PackerRegistry.load().names()).containsExactly("alpha", "beta");
    } finally {
      thread.setContextClassLoader(saved);
    }
  }
}
