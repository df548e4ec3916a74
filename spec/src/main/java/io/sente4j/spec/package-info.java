/**
 * The sente4j conformance kit: public generators of data-model values and frames ({@link
 * io.sente4j.spec.DataModelGens}, {@link io.sente4j.spec.FrameGens}), the golden vectors of {@code
 * spec/vectors/} ({@link io.sente4j.spec.GoldenFrames}, {@link io.sente4j.spec.GoldenValues}), and the abstract JUnit
 * 5 test class {@link io.sente4j.spec.PackerConformanceKit} that every {@link io.sente4j.core.Packer} implementation
 * extends to prove itself. The normative protocol is {@code spec/PROTOCOL.md}.
 */
package io.sente4j.spec;
