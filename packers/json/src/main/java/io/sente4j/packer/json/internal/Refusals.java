package io.sente4j.packer.json.internal;

import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.Tagged;
import io.sente4j.packer.json.JsonPacker;

/** The exceptions {@code pack} throws for values outside the JSON packer's domain. */
final class Refusals {
  private Refusals() {}

  /** A value of a type JSON does not carry: {@link Tagged}, or anything outside the data model. */
  static PackerException unsupported(Object v) {
    if (v instanceof Tagged) {
      return new PackerException(JsonPacker.NAME, "cannot pack the tagged value #" + ((Tagged) v).tag()
          + ": JSON has no tags, so Tagged is outside the JSON packer's domain");
    }
    return new PackerException(JsonPacker.NAME, "cannot pack a value of class " + v.getClass().getName()
        + ": it is not in the data model");
  }

  /** A string that UTF-8 cannot encode. */
  static PackerException loneSurrogate(String s, int index) {
    return new PackerException(JsonPacker.NAME, "cannot pack a string holding " + Surrogates.describe(s, index));
  }

  /** Two keys of one map that become the same JSON name. */
  static PackerException keyClash(Object first, Object second, String name) {
    return new PackerException(JsonPacker.NAME, "cannot pack a map whose keys " + Describe.key(first, name)
        + " and " + Describe.key(second, name) + " both become the JSON key " + Describe.quote(name));
  }

  /** A value nested deeper than the limit (a cyclic collection ends here too). */
  static PackerLimitException tooDeep(int maxDepth) {
    return new PackerLimitException(JsonPacker.NAME, PackerLimitException.Limit.DEPTH, maxDepth, -1);
  }
}
