package dev.parry.spi.json.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Writes values in the form a {@link Codec} declares. */
public final class CodecWriter {

  private final Codec codec;

  public CodecWriter(Codec codec) {
    this.codec = codec;
  }

  /** {@return {@code value}, declared as {@code type}, as JSON text} */
  public String write(Object value, Type type) {
    StringBuilder out = new StringBuilder(512);
    write(out, value, type);
    return out.toString();
  }

  private void write(StringBuilder out, @Nullable Object value, Type type) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      string(out, text);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Instant || value instanceof Duration) {
      string(out, value.toString());
    } else if (value instanceof Collection<?> items) {
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      List<String> written = new ArrayList<>(items.size());
      for (Object item : items) {
        StringBuilder one = new StringBuilder();
        write(one, item, element);
        written.add(one.toString());
      }
      if (value
          instanceof
          Set<?>) { // a set's order is the JVM's hash order: sorted, the text does not change
        Collections.sort(written);
      }
      out.append('[').append(String.join(",", written)).append(']');
    } else {
      Class<?> concrete = value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
      Codec.Scalar scalar = codec.scalars().get(concrete);
      Codec.Shape shape = codec.shapes().get(concrete);
      if (scalar != null) {
        write(out, scalar.write().apply(value), scalar.json());
      } else if (shape != null) {
        object(out, shape, value);
      } else if (value instanceof Enum<?> constant) {
        string(out, constant.name());
      } else {
        throw new IllegalArgumentException("cannot write a " + concrete.getName());
      }
    }
  }

  private void object(StringBuilder out, Codec.Shape shape, Object value) {
    out.append('{');
    boolean first = true;
    if (shape.tag() != null) {
      string(out, Objects.requireNonNull(shape.discriminator()));
      out.append(':');
      string(out, shape.tag());
      first = false;
    }
    for (Codec.Member member : shape.members()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, member.json());
      out.append(':');
      write(out, Codec.access(member.component(), value), member.type());
    }
    for (Codec.Derived derived : shape.derived()) {
      out.append(',');
      string(out, derived.json());
      out.append(':');
      write(out, derived.value().apply(value), derived.type());
    }
    out.append('}');
  }

  /**
   * Writes {@code text} as a JSON string. Besides what JSON requires (quote, backslash, control
   * characters), it escapes DEL and the C1 controls, every surrogate, the line and paragraph
   * separators, the bidirectional and invisible formatting characters, and {@code <}, {@code >} and
   * {@code &}: the text stays ASCII-safe where it matters, shows what a viewer would hide, and can
   * be embedded in HTML or a script; every Java string, even an ill-formed one, reads back
   * unchanged.
   */
  public static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (mustEscape(c)) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean mustEscape(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || Character.isSurrogate(c)
        || c == '<'
        || c == '>'
        || c == '&'
        || c == 0x061c
        || c == 0x00ad
        || (c >= 0x200b && c <= 0x200f)
        || (c >= 0x2028 && c <= 0x202e)
        || (c >= 0x2060 && c <= 0x206f)
        || c == 0xfeff;
  }
}
