package dev.parry.spi.json.internal;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import dev.parry.spi.internal.JsonText;
import dev.parry.spi.json.JsonFormatException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads values in the form a {@link Codec} declares, naming the member at fault when one is wrong.
 */
public final class CodecReader {

  /** The longest domain message an error carries, in characters. */
  private static final int MAX_MESSAGE = 400;

  /** The longest unknown member name a path shows, in characters. */
  private static final int MAX_NAME = 80;

  private final Codec codec;

  public CodecReader(Codec codec) {
    this.codec = codec;
  }

  /**
   * {@return the tree {@code json} holds}
   *
   * @throws JsonFormatException if the text is not one well-formed JSON value
   */
  public static @Nullable Object parse(String json) {
    try {
      return JsonText.parse(Checks.notNull(json, "json"));
    } catch (JsonText.MalformedJsonException e) {
      throw new JsonFormatException("$", String.valueOf(e.getMessage()), e);
    }
  }

  /** {@return the value {@code tree} describes as a {@code type}; it must not be JSON null} */
  public Object bind(@Nullable Object tree, Type type, String path) {
    Class<?> raw = Codec.raw(type);
    if (tree == null) {
      throw new JsonFormatException(path, "must not be null", null);
    }
    if (raw == String.class) {
      return as(tree, String.class, path);
    }
    if (raw == int.class || raw == long.class) {
      Object integral = tree;
      if (tree instanceof BigDecimal big && big.stripTrailingZeros().scale() <= 0) {
        try { // 4.0 or 4e2: an integer by JSON Schema's rule, whatever its notation
          integral = big.longValueExact();
        } catch (ArithmeticException tooBig) {
          throw new JsonFormatException(path, big + " is out of range for this member", null);
        }
      }
      long number = as(integral, Long.class, path);
      if (raw == int.class && number != (int) number) {
        throw new JsonFormatException(path, number + " is out of range for this member", null);
      }
      return raw == int.class ? (Object) (int) number : (Object) number;
    }
    if (raw == boolean.class) {
      return as(tree, Boolean.class, path);
    }
    if (raw == Instant.class || raw == Duration.class) {
      String text = as(tree, String.class, path);
      try {
        return raw == Instant.class ? Instant.parse(text) : Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new JsonFormatException(
            path,
            show(text)
                + " is not an ISO-8601 "
                + (raw == Instant.class
                    ? "instant such as 2026-03-01T09:00:00Z"
                    : "duration such as PT4H"),
            e);
      }
    }
    if (raw == List.class || raw == Set.class) {
      List<?> items = as(tree, List.class, path);
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      List<Object> out = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        out.add(bind(items.get(i), element, path + "[" + i + "]"));
      }
      return raw == Set.class ? new LinkedHashSet<>(out) : out;
    }
    Codec.Scalar scalar = codec.scalars().get(raw);
    if (scalar != null) {
      Object value = as(tree, scalar.json(), path);
      try {
        return scalar.read().apply(value);
      } catch (ArithmeticException e) {
        throw new JsonFormatException(path, value + " is out of range for this member", e);
      } catch (RuntimeException e) {
        throw refused(path, value, e);
      }
    }
    if (raw.isEnum() && !codec.shapes().containsKey(raw)) {
      return constant(raw, as(tree, String.class, path), path);
    }
    if (raw.isInterface()
        || (codec.shapes().containsKey(raw) && codec.shapes().get(raw).tag() != null)) {
      return variant(as(tree, Map.class, path), raw, path);
    }
    Codec.Shape shape = codec.shapes().get(raw);
    if (shape == null) {
      throw new IllegalStateException(path + ": cannot read a " + raw.getName());
    }
    return object(as(tree, Map.class, path), shape, path);
  }

  private Object variant(Map<?, ?> object, Class<?> declared, String path) {
    Class<?> root = codec.familyOf(declared);
    String discriminator = Objects.requireNonNull(codec.families().get(root));
    String where = path + "." + discriminator;
    if (!object.containsKey(discriminator)) {
      throw new JsonFormatException(where, "missing", null);
    }
    String tag = as(object.get(discriminator), String.class, where);
    List<String> allowed = new ArrayList<>();
    for (Codec.Shape shape : codec.shapes().values()) {
      if (shape.tag() != null && declared.isAssignableFrom(shape.type())) {
        if (shape.tag().equals(tag)) {
          Object constant = shape.constant();
          if (constant != null) {
            unknownMembers(object, shape, path);
            return constant;
          }
          return object(object, shape, path);
        }
        allowed.add(shape.tag());
      }
    }
    throw new JsonFormatException(where, show(tag) + " is not one of " + allowed, null);
  }

  private Object object(Map<?, ?> object, Codec.Shape shape, String path) {
    unknownMembers(object, shape, path);
    @Nullable Object[] arguments = new Object[shape.members().size()];
    for (int i = 0; i < arguments.length; i++) {
      Codec.Member member = shape.members().get(i);
      String where = path + "." + member.json();
      Object tree = object.get(member.json());
      if (!object.containsKey(member.json())) {
        if (!member.optional()) {
          throw new JsonFormatException(where, "missing", null);
        }
        arguments[i] = absent(member);
      } else if (tree == null) {
        if (!member.nullable()) {
          throw new JsonFormatException(where, "must not be null", null);
        }
        arguments[i] = null;
      } else {
        arguments[i] = bind(tree, member.type(), where);
      }
    }
    Object value;
    try {
      value = Codec.construct(Objects.requireNonNull(shape.constructor()), arguments);
    } catch (RuntimeException e) {
      throw refused(memberNamed(e, shape, path), null, e);
    }
    for (Codec.Derived derived : shape.derived()) {
      if (object.containsKey(derived.json())) {
        String where = path + "." + derived.json();
        Object read = bind(object.get(derived.json()), derived.type(), where);
        Object computed = derived.value().apply(value);
        if (!read.equals(computed)) {
          throw new JsonFormatException(
              where,
              show(read)
                  + " does not match the other members,"
                  + " which make it "
                  + show(computed),
              null);
        }
      }
    }
    return value;
  }

  /**
   * {@return the path of the member a refusal names, or the object's own path}: an {@link
   * InvalidInputException} names the component it refuses in {@link InvalidInputException#field()}
   * ({@code comment}, {@code evidence[3]}); any other refusal is the object's
   */
  private static String memberNamed(RuntimeException e, Codec.Shape shape, String path) {
    if (e instanceof InvalidInputException invalid) {
      String field = invalid.field();
      for (Codec.Member member : shape.members()) {
        String name = member.component().getName();
        if (field.equals(name)
            || (field.startsWith(name) && "[.".indexOf(field.charAt(name.length())) >= 0)) {
          return path + "." + member.json() + indexes(field.substring(name.length()));
        }
      }
    }
    return path;
  }

  /**
   * {@return the leading indexes of {@code rest}, {@code [3]} of {@code [3].name}}: the names after
   * them are Java's, not the document's
   */
  private static String indexes(String rest) {
    int end = 0;
    while (end < rest.length() && rest.charAt(end) == '[') {
      int close = rest.indexOf(']', end);
      if (close < 0) {
        break;
      }
      end = close + 1;
    }
    return rest.substring(0, end);
  }

  private static @Nullable Object absent(Codec.Member member) {
    Class<?> type = member.component().getType();
    if (member.nullable()) {
      return null;
    }
    if (type == String.class) {
      return "";
    }
    if (type == boolean.class) {
      return false;
    }
    return type == Set.class ? Set.of() : List.of();
  }

  private static void unknownMembers(Map<?, ?> object, Codec.Shape shape, String path) {
    for (Object name : object.keySet()) {
      if (name.equals(shape.discriminator())) {
        continue;
      }
      boolean known = false;
      for (Codec.Member member : shape.members()) {
        known |= member.json().equals(name);
      }
      for (Codec.Derived derived : shape.derived()) {
        known |= derived.json().equals(name);
      }
      if (!known) {
        throw new JsonFormatException(
            path + "." + Text.escape(String.valueOf(name), MAX_NAME),
            "unknown member " + show(name),
            null);
      }
    }
  }

  private static JsonFormatException refused(
      String path, @Nullable Object value, RuntimeException e) {
    if (e instanceof JsonFormatException inner) {
      return inner;
    }
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new JsonFormatException(
        path,
        (value == null ? "" : show(value) + " refused: ") + Text.escape(what, MAX_MESSAGE),
        e);
  }

  private static Object constant(Class<?> type, String name, String path) {
    List<String> names = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
      names.add(((Enum<?>) constant).name());
    }
    throw new JsonFormatException(path, show(name) + " is not one of " + names, null);
  }

  private static <T> T as(@Nullable Object tree, Class<T> type, String path) {
    if (type.isInstance(tree)) {
      return type.cast(tree);
    }
    String expected =
        type == String.class
            ? "a string"
            : type == Long.class
                ? "an integer"
                : type == Boolean.class
                    ? "true or false"
                    : type == List.class ? "an array" : "an object";
    String shown =
        tree instanceof BigDecimal || tree instanceof Long || tree instanceof Boolean
            ? String.valueOf(tree)
            : tree instanceof String text
                ? show(text)
                : tree instanceof List<?>
                    ? "an array"
                    : tree instanceof Map<?, ?> ? "an object" : "null";
    throw new JsonFormatException(path, "expected " + expected + ", was: " + shown, null);
  }

  /**
   * {@return {@code value} quoted for a message: spoofing characters, backslashes and quotes
   * escaped, long values cut}
   */
  private static String show(Object value) {
    return Text.show(String.valueOf(value));
  }
}
