package dev.parry.spi.defender;

import dev.parry.core.internal.Checks;
import dev.parry.spi.internal.JsonText;
import dev.parry.spi.internal.LogSafe;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One JSON object of a Defender document and where it sits in it, read member by member: a member
 * that is absent or null reads as empty, a member of the wrong JSON type is a {@link
 * DefenderFormatException} naming its path.
 */
final class Node {

  /**
   * The longest document read, in chars: a Graph alert with hundreds of evidence items fits easily.
   */
  static final int MAX_LENGTH = 16 * 1024 * 1024;

  private final Map<?, ?> members;
  private final String path;

  private Node(Map<?, ?> members, String path) {
    this.members = members;
    this.path = path;
  }

  /** {@return the document {@code json} holds, which must be one JSON object} */
  static Node parse(String json) {
    Checks.notNull(json, "json");
    if (json.length() > MAX_LENGTH) {
      throw new DefenderFormatException(
          "$", "document is " + json.length() + " chars, more than " + MAX_LENGTH);
    }
    Object tree;
    try {
      tree = JsonText.parse(json);
    } catch (JsonText.MalformedJsonException e) {
      throw new DefenderFormatException("$", String.valueOf(e.getMessage()), e);
    }
    if (!(tree instanceof Map<?, ?> map)) {
      throw new DefenderFormatException("$", "expected a JSON object, read " + kind(tree));
    }
    return new Node(map, "$");
  }

  /** {@return where this object is, from the document's root} */
  String path() {
    return path;
  }

  /** {@return the path of member {@code name} of this object} */
  String path(String name) {
    return path + "." + name;
  }

  /** {@return whether member {@code name} is present and not null} */
  boolean has(String name) {
    return members.get(name) != null;
  }

  /** {@return member {@code name} as a string; empty if absent or null} */
  Optional<String> string(String name) {
    Object value = members.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw wrongType(name, "a string", value);
    }
    return Optional.of(text);
  }

  /** {@return member {@code name} as a string; empty if absent, null or blank} */
  Optional<String> text(String name) {
    return string(name).filter(value -> !value.isBlank());
  }

  /** {@return member {@code name} as an integer; empty if absent or null} */
  Optional<Long> integer(String name) {
    Object value = members.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Long number)) {
      throw wrongType(name, "an integer", value);
    }
    return Optional.of(number);
  }

  /**
   * {@return member {@code name} as an instant (ISO 8601 with an offset); empty if absent or null}
   */
  Optional<Instant> instant(String name) {
    return string(name)
        .map(
            text -> {
              try {
                return OffsetDateTime.parse(text).toInstant();
              } catch (DateTimeParseException e) {
                throw new DefenderFormatException(
                    path(name),
                    "expected a date and time with an offset, read \"" + LogSafe.of(text) + "\"",
                    e);
              }
            });
  }

  /** {@return member {@code name} as an object; empty if absent or null} */
  Optional<Node> object(String name) {
    Object value = members.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw wrongType(name, "an object", value);
    }
    return Optional.of(new Node(map, path(name)));
  }

  /** {@return member {@code name} as an array of objects; empty if absent or null} */
  List<Node> objects(String name) {
    List<Node> out = new ArrayList<>();
    List<?> items = array(name);
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      String at = path(name) + "[" + i + "]";
      if (!(item instanceof Map<?, ?> map)) {
        throw new DefenderFormatException(at, "expected an object, read " + kind(item));
      }
      out.add(new Node(map, at));
    }
    return out;
  }

  /** {@return member {@code name} as an array of strings; empty if absent or null} */
  List<String> strings(String name) {
    List<String> out = new ArrayList<>();
    List<?> items = array(name);
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof String text)) {
        throw new DefenderFormatException(
            path(name) + "[" + i + "]", "expected a string, read " + kind(items.get(i)));
      }
      out.add(text);
    }
    return out;
  }

  private List<?> array(String name) {
    Object value = members.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw wrongType(name, "an array", value);
    }
    return list;
  }

  private DefenderFormatException wrongType(String name, String expected, Object value) {
    return new DefenderFormatException(
        path(name), "expected " + expected + ", read " + kind(value));
  }

  private static String kind(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return "the number " + value;
  }
}
