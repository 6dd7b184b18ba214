package dev.parry.spi.defender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README "Feeding Defender alerts to Parry": text that is not a Defender alert, or a member of the
 * wrong JSON type, is refused as a whole with a {@link DefenderFormatException} naming the member.
 */
class DefenderFormatTest {

  private static final String FILE = Fixtures.graph("fileEvidence");

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("not JSON", "{\"id\": ", "$"),
        Arguments.of("an array, not an object", "[]", "$"),
        Arguments.of("text after the value", "{} {}", "$"),
        Arguments.of("a member twice", "{\"id\":\"a\",\"id\":\"b\"}", "$"),
        Arguments.of("a raw line feed in a string", "{\"id\":\"a\nb\"}", "$"),
        Arguments.of("a non-ASCII digit", "{\"n\": \u0661}", "$"),
        Arguments.of("a leading zero", "{\"n\": 012}", "$"),
        Arguments.of("an exponent past any number", "{\"n\": 1e99999999999}", "$"),
        Arguments.of("nesting 65 deep", "[".repeat(65) + "]".repeat(65), "$"),
        Arguments.of(
            "no id", FILE.replace("\"id\": \"da638201113358231245_-1794153442\",", ""), "$.id"),
        Arguments.of(
            "an id with a spoofing character",
            FILE.replace(
                "\"id\": \"da638201113358231245_-1794153442\"", "\"id\": \"da63\\u202e82\""),
            "$.id"),
        Arguments.of(
            "an id that is a number",
            FILE.replace("\"id\": \"da638201113358231245_-1794153442\"", "\"id\": 42"),
            "$.id"),
        Arguments.of(
            "no creation time",
            FILE.replace("\"createdDateTime\": \"2026-11-20T08:15:30.1234567Z\",", ""),
            "$.createdDateTime"),
        Arguments.of(
            "a creation time without an offset",
            FILE.replace("2026-11-20T08:15:30.1234567Z", "2026-11-20 08:15"),
            "$.createdDateTime"),
        Arguments.of(
            "evidence that is an object",
            FILE.replace("\"evidence\": [", "\"evidence\": {\"x\": [")
                .replaceFirst("]\\s*}\\s*$", "]}}"),
            "$.evidence"),
        Arguments.of(
            "an evidence item that is a string",
            FILE.replace("\"evidence\": [", "\"evidence\": [\"x\", "),
            "$.evidence[0]"),
        Arguments.of(
            "fileDetails that is a string",
            FILE.replaceFirst("\"fileDetails\": \\{", "\"fileDetails\": \"x\", \"y\": {"),
            "$.evidence[0].fileDetails"),
        Arguments.of(
            "roles that are a string",
            FILE.replace("\"roles\": []", "\"roles\": \"compromised\""),
            "$.evidence[0].roles"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedGraphAlertIsRefusedNamingTheMember(String what, String json, String field) {
    DefenderFormatException refused =
        assertThrows(DefenderFormatException.class, () -> DefenderAlerts.fromGraphAlert(json));
    assertEquals(field, refused.field(), refused.getMessage());
    assertTrue(refused.getMessage().startsWith(field + ": "), refused.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpointMalformed")
  void aMalformedEndpointDocumentIsRefusedNamingTheMember(
      String what, Function<String, ?> reader, String json, String field) {
    DefenderFormatException refused =
        assertThrows(DefenderFormatException.class, () -> reader.apply(json));
    assertEquals(field, refused.field(), refused.getMessage());
  }

  static Stream<Arguments> endpointMalformed() {
    String alert = Fixtures.endpoint("alert");
    String machine = Fixtures.endpoint("machine");
    Function<String, ?> readAlert = DefenderAlerts::fromEndpointAlert;
    Function<String, ?> readMachine = DefenderAlerts::fromEndpointMachine;
    return Stream.of(
        Arguments.of(
            "a process id that is a string",
            readAlert,
            alert.replace("\"processId\": 4242", "\"processId\": \"4242\""),
            "$.evidence[1].processId"),
        Arguments.of(
            "a fractional process id",
            readAlert,
            alert.replace("\"processId\": 4242", "\"processId\": 4242.5"),
            "$.evidence[1].processId"),
        Arguments.of(
            "no creation time",
            readAlert,
            alert.replace("\"alertCreationTime\"", "\"created\""),
            "$.alertCreationTime"),
        Arguments.of(
            "a machine without an id",
            readMachine,
            machine.replaceFirst("\"id\"", "\"machine\""),
            "$.id"),
        Arguments.of(
            "a machine tag with a line feed",
            readMachine,
            machine.replace("\"VIP\"", "\"V\\nIP\""),
            "$.machineTags[1]"),
        Arguments.of(
            "tags that are numbers",
            readMachine,
            machine.replace("\"VIP\"", "7"),
            "$.machineTags[1]"));
  }

  @org.junit.jupiter.api.Test
  void aDocumentLargerThanTheLimitIsRefusedBeforeItIsRead() {
    String huge = "{\"id\":\"" + "a".repeat(Node.MAX_LENGTH) + "\"}";
    DefenderFormatException refused =
        assertThrows(DefenderFormatException.class, () -> DefenderAlerts.fromGraphAlert(huge));
    assertEquals("$", refused.field());
  }
}
