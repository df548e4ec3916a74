package io.sente4j.packer.json.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.sente4j.core.PackerException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Turns whatever Jackson throws into a {@link PackerException} with a position, so that {@code unpack} never throws
 * another type. Jackson's own words are kept, less its advice to enable features this packer keeps off.
 */
final class JacksonErrors {
  /** "enable `JsonReadFeature.X` to allow", "(not recognized as one since Feature 'X' not enabled ...)", and so on. */
  private static final Pattern FEATURE_ADVICE = Pattern.compile(
      ":? ?\\(?(?:enable|not recognized as one since) (?:`[A-Za-z_.]+`|Feature '[A-Z_]+')[^)]*?(?:to allow|for "
          + "parser)\\)?");
  /** Jackson's description of a source it does not show; our position says where. */
  private static final Pattern SOURCE = Pattern.compile("Source: [^;\\]]*; ");

  /** The reason given for a number longer than {@link JsonLimits#MAX_NUMBER_LENGTH}, however it is found. */
  static final String NUMBER_TOO_LONG = "a number longer than " + JsonLimits.MAX_NUMBER_LENGTH
      + " characters, the most the JSON packer reads";

  private JacksonErrors() {}

  /** An exception that Jackson threw while parsing, including its stream constraint violations. */
  static PackerException of(IOException e, JsonParser p, Position position) {
    if (e instanceof StreamConstraintsException) {
      // Depth, input and collection limits are checked before Jackson's, which are set looser; what remains is
      // the number length, which is part of the format's domain rather than one of PackerLimits.
      String m = String.valueOf(e.getMessage());
      String reason = m.contains("getMaxNumberLength") ? NUMBER_TOO_LONG
          : "input beyond a limit of the JSON reader: " + clean(m);
      return position.error(reason, currentLocation(p), e);
    }
    if (e instanceof JsonProcessingException) {
      JsonProcessingException jpe = (JsonProcessingException) e;
      JsonLocation location = jpe.getLocation() != null ? jpe.getLocation() : currentLocation(p);
      return position.error(clean(jpe.getOriginalMessage()), location, e);
    }
    return position.error("could not read JSON: " + e, currentLocation(p), e);
  }

  /** A runtime exception escaping Jackson on some input: a bug there, still reported as bad input. */
  static PackerException unexpected(RuntimeException e, JsonParser p, Position position) {
    return position.error("the JSON parser failed on this input: " + e, currentLocation(p), e);
  }

  static String clean(String message) {
    if (message == null) {
      return "malformed JSON";
    }
    String m = FEATURE_ADVICE.matcher(message).replaceAll("");
    return SOURCE.matcher(m).replaceAll("").trim();
  }

  private static JsonLocation currentLocation(JsonParser p) {
    if (p == null) {
      return null;
    }
    try {
      return p.currentLocation();
    } catch (RuntimeException unknown) {
      return null;
    }
  }
}
