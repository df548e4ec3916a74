package io.sente4j.packer.msgpack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sente4j.core.PackerException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The refusals of numbers outside MessagePack's range, whatever their size. */
class MsgpackNumberRefusalsTest {
  private final MsgpackPacker packer = new MsgpackPacker();

  /** The message printed the number to cut it: seconds for a few megabits, handed to pack by the application. */
  @Test
  void refusesANumberOfMillionsOfBitsByItsSizeWithoutPrintingIt() {
    BigInteger huge = BigInteger.ONE.shiftLeft(4_000_000);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      assertThatThrownBy(() -> packer.pack(huge)).isInstanceOf(PackerException.class)
          .hasMessage("msgpack: cannot pack the integer <BigInteger of 4000001 bits>: MessagePack integers range from"
              + " -2^63 to 2^64-1");
      assertThatThrownBy(() -> packer.pack(new BigDecimal(huge, Integer.MIN_VALUE + 1)))
          .isInstanceOf(PackerException.class)
          .hasMessage("msgpack: cannot pack the decimal <BigDecimal of 4000001 bits, scale -2147483647>: Sente's"
              + " MessagePack has no decimal type, so BigDecimal is outside the msgpack packer's domain");
    });
  }

  @Test
  void refusesANumberWithinTheDigitBoundByItsCutLiteral() {
    assertThatThrownBy(() -> packer.pack(BigInteger.TWO.pow(64))).isInstanceOf(PackerException.class)
        .hasMessage("msgpack: cannot pack the integer 18446744073709551616N: MessagePack integers range from -2^63 to"
            + " 2^64-1");
    assertThatThrownBy(() -> packer.pack(new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE)))
        .isInstanceOf(PackerException.class).hasMessageStartingWith("msgpack: cannot pack the decimal 1E+2147483648M:");
  }
}
