package dev.parry.testkit.json;

import dev.parry.spi.internal.JsonText;
import dev.parry.spi.json.*;
import dev.parry.spi.json.internal.*;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates JSON against the subset of JSON Schema (draft 2020-12) Parry's schema uses: {@code
 * type}, {@code properties}, {@code required}, {@code additionalProperties: false}, {@code enum},
 * {@code const}, {@code items}, {@code $ref} within the document and {@code oneOf}. A keyword
 * outside that subset fails loudly rather than pass everything, so the schema cannot grow past what
 * this checks.
 */
final class SchemaValidator {

  private static final Set<String> ANNOTATIONS =
      Set.of("$schema", "$id", "title", "description", "$defs", "format");

  private final Map<?, ?> root;

  private SchemaValidator(Map<?, ?> root) {
    this.root = root;
  }

  /** {@return a validator for the schema {@code text} holds} */
  static SchemaValidator of(String text) {
    return new SchemaValidator((Map<?, ?>) Objects.requireNonNull(JsonText.parse(text)));
  }

  /** {@return why {@code json} does not match the definition {@code def}, or empty if it does} */
  List<String> errors(String json, String def) {
    List<String> errors = new ArrayList<>();
    validate(JsonText.parse(json), Map.of("$ref", "#/$defs/" + def), "$", errors);
    return errors;
  }

  private void validate(Object value, Map<?, ?> schema, String path, List<String> errors) {
    for (Map.Entry<?, ?> keyword : schema.entrySet()) {
      String name = (String) keyword.getKey();
      Object argument = keyword.getValue();
      switch (name) {
        case "$ref" -> validate(value, resolve((String) argument), path, errors);
        case "type" -> {
          if (!hasType(value, (String) argument)) {
            errors.add(path + ": expected " + argument + ", was " + describe(value));
          }
        }
        case "const" -> {
          if (!Objects.equals(argument, value)) {
            errors.add(path + ": expected " + argument + ", was " + describe(value));
          }
        }
        case "enum" -> {
          if (!((List<?>) argument).contains(value)) {
            errors.add(path + ": " + describe(value) + " is not one of " + argument);
          }
        }
        case "properties" -> {
          if (value instanceof Map<?, ?> object) {
            for (Map.Entry<?, ?> property : ((Map<?, ?>) argument).entrySet()) {
              if (object.containsKey(property.getKey())) {
                validate(
                    object.get(property.getKey()),
                    (Map<?, ?>) property.getValue(),
                    path + "." + property.getKey(),
                    errors);
              }
            }
          }
        }
        case "required" -> {
          if (value instanceof Map<?, ?> object) {
            for (Object member : (List<?>) argument) {
              if (!object.containsKey(member)) {
                errors.add(path + ": missing " + member);
              }
            }
          }
        }
        case "additionalProperties" -> {
          if (!Boolean.FALSE.equals(argument)) {
            throw new IllegalStateException("only additionalProperties: false is supported");
          }
          Map<?, ?> properties = (Map<?, ?>) schema.get("properties");
          if (value instanceof Map<?, ?> object) {
            for (Object member : object.keySet()) {
              if (properties == null || !properties.containsKey(member)) {
                errors.add(path + ": unexpected member " + member);
              }
            }
          }
        }
        case "items" -> {
          if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
              validate(items.get(i), (Map<?, ?>) argument, path + "[" + i + "]", errors);
            }
          }
        }
        case "oneOf" -> {
          int matching = 0;
          List<String> last = List.of();
          for (Object option : (List<?>) argument) {
            List<String> optionErrors = new ArrayList<>();
            validate(value, (Map<?, ?>) option, path, optionErrors);
            if (optionErrors.isEmpty()) {
              matching++;
            } else if (last.isEmpty() || optionErrors.size() < last.size()) {
              last = optionErrors;
            }
          }
          if (matching != 1) {
            errors.add(
                path
                    + ": matches "
                    + matching
                    + " of oneOf, not exactly one"
                    + (matching == 0 ? "; nearest: " + last : ""));
          }
        }
        default -> {
          if (!ANNOTATIONS.contains(name)) {
            throw new IllegalStateException(
                "keyword " + name + " is outside the subset this validator checks");
          }
        }
      }
    }
  }

  private Map<?, ?> resolve(String ref) {
    if (!ref.startsWith("#/$defs/")) {
      throw new IllegalStateException("only local $defs references are supported, was: " + ref);
    }
    Map<?, ?> defs = (Map<?, ?>) root.get("$defs");
    Map<?, ?> def = (Map<?, ?>) defs.get(ref.substring("#/$defs/".length()));
    if (def == null) {
      throw new IllegalStateException("no definition " + ref);
    }
    return def;
  }

  private static boolean hasType(Object value, String type) {
    return switch (type) {
      case "object" -> value instanceof Map<?, ?>;
      case "array" -> value instanceof List<?>;
      case "string" -> value instanceof String;
      case "integer" ->
          value instanceof Long || (value instanceof BigDecimal number && number.scale() <= 0);
      case "number" -> value instanceof Long || value instanceof BigDecimal;
      case "boolean" -> value instanceof Boolean;
      case "null" -> value == null;
      default -> throw new IllegalStateException("unknown type " + type);
    };
  }

  private static String describe(Object value) {
    return value == null
        ? "null"
        : value instanceof Map<?, ?>
            ? "an object"
            : value instanceof List<?>
                ? "an array"
                : value.getClass().getSimpleName() + " " + value;
  }
}
