/**
 * The sente4j conformance kit: public generators of data-model values and frames ({@link
 * io.sente4j.spec.DataModelGens}, {@link io.sente4j.spec.FrameGens}), the golden vectors of {@code
 * spec/vectors/} ({@link io.sente4j.spec.GoldenFrames}, {@link io.sente4j.spec.GoldenValues}), and the abstract JUnit
 * 5 test classes that implementations extend to prove themselves: {@link io.sente4j.spec.PackerConformanceKit} for
 * every {@link io.sente4j.core.Packer}, and {@link io.sente4j.spec.TransportConformanceKit} (with a {@link
 * io.sente4j.spec.TransportFixture}) for every transport. The normative protocol is {@code spec/PROTOCOL.md}.
 */
package io.sente4j.spec;
