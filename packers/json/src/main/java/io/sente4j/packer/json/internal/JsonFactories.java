package io.sente4j.packer.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.sente4j.core.PackerLimits;

/**
 * Builds the one {@link JsonFactory} a packer shares between all its calls. Creating a factory costs far more than
 * a message, so it is never done per call.
 *
 * <p>Jackson's parser features keep their strict defaults: no comments, single quotes, trailing commas, leading
 * zeros, {@code NaN} or unquoted names. The stream constraints are set so that every quantity is bounded by our own
 * {@link PackerLimits} or by {@link JsonLimits#MAX_NUMBER_LENGTH}, and so that our own depth check always fires
 * before Jackson's.
 */
public final class JsonFactories {
  private JsonFactories() {}

  /** A factory whose parsers and generators enforce {@code limits}. */
  public static JsonFactory create(PackerLimits limits) {
    // One more than our depth limit, so that JsonValueReader reports DEPTH itself, with its position.
    int jacksonDepth = plusOne(limits.maxDepth());
    StreamReadConstraints read = StreamReadConstraints.builder()
        .maxNestingDepth(jacksonDepth)
        .maxNumberLength(JsonLimits.MAX_NUMBER_LENGTH)
        // No string, name or token count can exceed the input, which InputChecks has bounded already;
        // these make Jackson's own limits no looser than ours.
        .maxStringLength(limits.maxInputBytes())
        .maxNameLength(limits.maxInputBytes())
        .maxDocumentLength(limits.maxInputBytes())
        .maxTokenCount(limits.maxInputBytes())
        .build();
    StreamWriteConstraints write = StreamWriteConstraints.builder().maxNestingDepth(jacksonDepth).build();
    return JsonFactory.builder()
        .streamReadConstraints(read)
        .streamWriteConstraints(write)
        // Interning names that a peer chooses would let it fill the JVM's string table; the canonicalizer that
        // stays on is bounded.
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        // Schubfach: the shortest round-tripping digits, the same on every JDK (Double.toString changed in 19).
        .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
        // A failed pack abandons its generator; closing it must not write brackets nobody reads.
        .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
        .build();
  }

  private static int plusOne(int n) {
    return n == Integer.MAX_VALUE ? n : n + 1;
  }
}
