package dev.parry.testkit.json;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.runtime.RuntimeHealth;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.json.*;
import dev.parry.spi.json.internal.*;
import dev.parry.spi.safety.ControlChange;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the JSON Schema of the codec's tables, so that the schema in the jar can be checked
 * against what the codec writes and reads: one definition per record, identifier, enum and family.
 */
final class SchemaGenerator {

  /** The documents a service writes or reads, each a definition at the top of the schema. */
  static final List<Class<?>> ROOTS =
      List.of(
          ActionRecord.class,
          ActionPage.class,
          Investigation.class,
          InvestigationEvent.class,
          AuditRecord.class,
          Verification.class,
          FalsePositiveReport.class,
          RuntimeHealth.class,
          ApproveRequest.class,
          RejectRequest.class,
          UndoRequest.class,
          CancelRequest.class,
          ExtendTimeBoxRequest.class,
          ManualActionRequest.class,
          FalsePositiveRequest.class,
          RemediationPlan.class,
          ControlChange.class,
          AllowIndicator.class,
          ErrorBody.class);

  private final Codec codec = Tables.CODEC;
  private final Map<String, Object> defs = new TreeMap<>();

  private SchemaGenerator() {}

  /** {@return the schema, as the file in the jar holds it} */
  static String schema() {
    SchemaGenerator generator = new SchemaGenerator();
    for (Class<?> root : ROOTS) {
      generator.ref(root);
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("$id", "https://parry.dev/schema/parry.schema.json");
    schema.put("title", "Parry JSON");
    schema.put(
        "description",
        "The documented JSON form of Parry's results and of the request bodies a REST layer"
            + " reads (dev.parry.spi.json.ParryJson). Each document is one of the definitions: "
            + rootNames()
            + ". Instants"
            + " and durations are ISO-8601 strings; enums are their constant names; personal data is written as it is.");
    schema.put("$defs", generator.defs);
    StringBuilder out = new StringBuilder();
    print(out, schema, "");
    return out.append('\n').toString();
  }

  /** {@return the definition name of {@code type}} */
  static String name(Class<?> type) {
    return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
  }

  private static String rootNames() {
    List<String> names = new ArrayList<>();
    for (Class<?> root : ROOTS) {
      names.add(name(root));
    }
    return String.join(", ", names);
  }

  private Map<String, Object> ref(Class<?> type) {
    String name = name(type);
    if (!defs.containsKey(name)) {
      defs.put(name, Map.of()); // reserved while it is built: a family refers back to itself
      defs.put(name, definition(type));
    }
    return Map.of("$ref", "#/$defs/" + name);
  }

  private Map<String, Object> definition(Class<?> type) {
    Map<String, Object> out = new LinkedHashMap<>();
    Codec.Scalar scalar = codec.scalars().get(type);
    Codec.Shape shape = codec.shapes().get(type);
    if (scalar != null) {
      out.put("type", scalar.json() == String.class ? "string" : "integer");
    } else if (shape != null) {
      out.put("type", "object");
      Map<String, Object> properties = new LinkedHashMap<>();
      List<Object> required = new ArrayList<>();
      if (shape.tag() != null) {
        properties.put(shape.discriminator(), Map.of("const", shape.tag()));
        required.add(shape.discriminator());
      }
      for (Codec.Member member : shape.members()) {
        Map<String, Object> schema = schemaOf(member.type());
        properties.put(
            member.json(),
            member.nullable() ? Map.of("oneOf", List.of(Map.of("type", "null"), schema)) : schema);
        if (!member.optional()) {
          required.add(member.json());
        }
      }
      for (Codec.Derived derived : shape.derived()) {
        properties.put(derived.json(), schemaOf(derived.type()));
        required.add(derived.json());
      }
      out.put("properties", properties);
      out.put("required", required);
      out.put("additionalProperties", false);
    } else if (type.isEnum()) {
      out.put("type", "string");
      List<Object> names = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      out.put("enum", names);
    } else if (type.isInterface()) {
      List<Object> variants = new ArrayList<>();
      for (Codec.Shape variant : codec.shapes().values()) {
        if (variant.tag() != null && type.isAssignableFrom(variant.type())) {
          variants.add(ref(variant.type()));
        }
      }
      out.put("oneOf", variants);
    } else {
      throw new IllegalStateException("no schema for " + type.getName());
    }
    return out;
  }

  private Map<String, Object> schemaOf(Type type) {
    Class<?> raw = Codec.raw(type);
    if (raw == String.class) {
      return Map.of("type", "string");
    }
    if (raw == int.class || raw == long.class) {
      return Map.of("type", "integer");
    }
    if (raw == boolean.class) {
      return Map.of("type", "boolean");
    }
    if (raw == Instant.class) {
      return Map.of("type", "string", "format", "date-time");
    }
    if (raw == Duration.class) {
      return Map.of("type", "string", "format", "duration");
    }
    if (raw == List.class || raw == Set.class) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("type", "array");
      out.put("items", schemaOf(((ParameterizedType) type).getActualTypeArguments()[0]));
      return out;
    }
    return ref(raw);
  }

  private static void print(StringBuilder out, Object value, String indent) {
    if (value instanceof Map<?, ?> map) {
      if (map.values().stream()
          .noneMatch(item -> item instanceof Map<?, ?> || item instanceof List<?>)) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : sorted(map).entrySet()) {
          out.append(first ? "" : ", ");
          first = false;
          CodecWriter.string(out, (String) entry.getKey());
          out.append(": ");
          print(out, entry.getValue(), indent);
        }
        out.append('}');
        return;
      }
      String inner = indent + "  ";
      out.append("{\n");
      boolean first = true;
      for (Map.Entry<?, ?> entry : sorted(map).entrySet()) {
        if (!first) {
          out.append(",\n");
        }
        first = false;
        out.append(inner);
        CodecWriter.string(out, (String) entry.getKey());
        out.append(": ");
        print(out, entry.getValue(), inner);
      }
      out.append('\n').append(indent).append('}');
    } else if (value instanceof List<?> list) {
      boolean simple = list.stream().allMatch(item -> item instanceof String);
      if (simple) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          out.append(i > 0 ? ", " : "");
          CodecWriter.string(out, (String) list.get(i));
        }
        out.append(']');
        return;
      }
      String inner = indent + "  ";
      out.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        out.append(i > 0 ? ",\n" : "").append(inner);
        print(out, list.get(i), inner);
      }
      out.append('\n').append(indent).append(']');
    } else if (value instanceof String text) {
      CodecWriter.string(out, text);
    } else {
      out.append(value);
    }
  }

  /** {@return the map in a fixed order: the keywords as written, the $ref and const first} */
  private static Map<?, ?> sorted(Map<?, ?> map) {
    if (map instanceof LinkedHashMap<?, ?> || map instanceof TreeMap<?, ?>) {
      return map;
    }
    return new TreeMap<>(map);
  }
}
