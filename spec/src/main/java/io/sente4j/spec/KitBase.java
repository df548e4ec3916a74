package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerProvider;
import io.sente4j.core.Payload;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.quicktheories.core.Gen;

/**
 * The hooks a packer's test overrides and the helpers every part of {@link PackerConformanceKit} uses. The parts
 * are a chain of package-private classes so that a packer extends one public class; see that class.
 */
abstract class KitBase {

  /** The packer under test. */
  protected abstract PackerProvider provider();

  /** The values this packer accepts; by default every value of the data model. */
  protected Gen<Object> domain() {
    return DataModelGens.all().values();
  }

  /**
   * What unpacking a packed {@code value} gives, by the packer's documented rule; the identity for a lossless
   * packer. Write it independently of the packer: the tests compare the two. Keep the order of collections: the kit
   * checks that decoded maps and sets iterate in the order of this value.
   */
  protected Object normalise(Object value) {
    return value;
  }

  /** Values the packer must refuse with a {@link PackerException}. */
  protected List<Object> refused() {
    return List.of();
  }

  /** Whether the packer reads Sente 1.17's prefixed text frames; by default, every text packer does. */
  protected boolean readsLegacyFrames() {
    return !packer().isBinary();
  }

  /**
   * Whether the packer concatenates packed lists without unpacking them ({@link
   * io.sente4j.core.Packer#concatLists}); by default not, and then it must answer {@code null}.
   */
  protected boolean concatenatesLists() {
    return false;
  }

  /** The packer with default limits. */
  protected final Packer packer() {
    return provider().create();
  }

  /** Packs then unpacks with the default limits. */
  protected final Object roundTrip(Object value) {
    return packer().unpack(packer().pack(value));
  }

  /** {@code depth} nested lists; the innermost is empty and is at depth {@code depth}. */
  protected static Object nest(int depth) {
    Object v = List.of();
    for (int i = 1; i < depth; i++) {
      v = List.of(v);
    }
    return v;
  }

  // ---- payload forms ----------------------------------------------------------------------------------------

  /**
   * Every form in which a peer may hand {@code bytes} to the packer: a binary packer gets them as bytes; a text
   * packer gets them as text (decoded leniently, as any string is input too) and as bytes (PROTOCOL.md §3.1: a text
   * packer MUST also accept a binary message holding UTF-8 text).
   */
  final List<Payload> forms(byte[] bytes) {
    Payload binary = Payload.binary(Bytes.wrap(bytes));
    return packer().isBinary() ? List.of(binary)
        : List.of(Payload.text(new String(bytes, StandardCharsets.UTF_8)), binary);
  }

  /** Every form of a packed payload: itself and, for a text packer, its UTF-8 bytes. */
  final List<Payload> forms(Payload packed) {
    return packed.isText() ? List.of(packed, Payload.binary(packed.asBytes())) : List.of(packed);
  }

  static byte[] bytes(Payload p) {
    return p.asBytes().toByteArray();
  }

  /** Whether {@code bytes} are well-formed UTF-8. */
  static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  static String describe(Payload p) {
    return (p.isText() ? "text " : "bytes ") + (p.byteLength() > 300 ? p.byteLength() + " bytes long"
        : p.isText() ? '"' + p.asText() + '"' : p.asBytes().toString());
  }

  // ---- outcomes ---------------------------------------------------------------------------------------------

  /** What unpacking gave: a value, or a clean {@link PackerException}. */
  record Outcome(Object value, PackerException error) {
    boolean sameAs(Outcome o) {
      return error == null ? o.error == null && Objects.equals(value, o.value) : o.error != null;
    }

    @Override
    public String toString() {
      return error == null ? "the value " + value : "the error " + error.getMessage();
    }
  }

  /** Unpacks with {@code p}: a value, or a {@link PackerException} that names the packer and says where. */
  final Outcome unpackCleanly(Packer p, Payload input) {
    try {
      return new Outcome(p.unpack(input), null);
    } catch (PackerException e) {
      assertWellFormed(e, input);
      return new Outcome(null, e);
    } catch (Throwable t) {
      throw new AssertionError("unpacking " + describe(input) + " threw " + t + " instead of a PackerException", t);
    }
  }

  /** Unpacking {@code input} must fail with a {@link PackerException} that says where. */
  final PackerException assertUnpackFails(Packer p, Payload input) {
    Outcome o = unpackCleanly(p, input);
    if (o.error() == null) {
      throw new AssertionError("unpacking " + describe(input) + " gave " + o.value() + " instead of failing");
    }
    return o.error();
  }

  /**
   * A read error names the packer and, except for an input too large (refused before parsing), where: an offset
   * within the input and, for a text packer, a line and a column (PROTOCOL.md §3.1).
   */
  final void assertWellFormed(PackerException e, Payload input) {
    assertThat(e.getMessage()).as("message of %s", e).startsWith(packer().name() + ": ");
    if (e instanceof PackerLimitException && ((PackerLimitException) e).limit() == Limit.INPUT_BYTES) {
      return;
    }
    long length = input.isText() ? input.asText().length() : input.byteLength();
    assertThat(e.offset()).as("offset of \"%s\" reading %s", e.getMessage(), describe(input))
        .isBetween(0L, length);
    if (!packer().isBinary()) {
      assertThat(e.line()).as("line of \"%s\" reading %s", e.getMessage(), describe(input)).isGreaterThanOrEqualTo(1);
      assertThat(e.column()).as("column of \"%s\" reading %s", e.getMessage(), describe(input))
          .isGreaterThanOrEqualTo(1);
    }
  }

  /** Unpacking {@code input} with {@code p} must pass {@code limit}. */
  final void assertUnpackLimit(Packer p, Payload input, Limit limit) {
    PackerException e = assertUnpackFails(p, input);
    assertThat(e).as("reading %s", describe(input)).isInstanceOfSatisfying(PackerLimitException.class,
        l -> assertThat(l.limit()).isEqualTo(limit));
  }

  static void assertLimit(ThrowingCallable call, Limit limit) {
    assertThatThrownBy(call).isInstanceOfSatisfying(PackerLimitException.class,
        e -> assertThat(e.limit()).isEqualTo(limit));
  }

  final boolean isRefused(Object value) {
    try {
      packer().pack(value);
      return false;
    } catch (PackerException e) {
      return true;
    }
  }
}
