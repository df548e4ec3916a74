package io.sente4j.packer.edn;

import io.sente4j.core.PackerProvider;
import io.sente4j.spec.PackerConformanceKit;

/**
 * The edn packer against the sente4j conformance kit: golden vectors in {@code spec/vectors/edn/}, round trips over
 * the whole data model (edn is lossless, so nothing is normalised or refused), hostile input and limits.
 */
class EdnPackerConformanceTest extends PackerConformanceKit {
  @Override
  protected PackerProvider provider() {
    return new EdnPackerProvider();
  }

  @Override
  protected boolean concatenatesLists() {
    return true;
  }
}
