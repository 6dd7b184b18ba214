// Past 400 lines because the hashed form of every stored type and the rules that keep earlier
// hashes valid belong together.
package dev.parry.spi.audit;

import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.internal.StoredFormat;
import dev.parry.spi.internal.StoredMember;
import dev.parry.spi.internal.StoredType;
import dev.parry.spi.internal.StoredTypes;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic text form of an event for hashing, in UTF-8: records by their members (never by
 * {@code toString}, which redacts personal data and would hide a change), enums by constant,
 * strings length-prefixed so no separator can be forged, collections in order (sets sorted),
 * instants and durations as seconds and nanoseconds.
 *
 * <p>Stores keep the hashes computed from it, so it is a stored format: it names records, members
 * and constants by the names the stored format table gives them ({@link StoredFormat#TYPES}; a type
 * by its {@linkplain StoredType#hashName hash name}), never by their Java names, and writes members
 * in the table's order, so a Java rename changes no hash. A type's format version is not hashed: an
 * event is hashed as read, after its upcasting. A member added after hashes were first stored
 * ({@link StoredType#hashedWhenPresent}) is written only when it holds a value: absent (null, or an
 * empty set), it is left out, so an event stored before it existed hashes as it did. And evidence
 * whose compromise is now a role ({@code MALICIOUS} with the role {@code COMPROMISED} alone) is
 * written as it was when compromise was a verdict.
 *
 * <p>Past 400 lines because the hashed form of every stored type and the rules that keep earlier
 * hashes valid belong together.
 */
final class CanonicalForm {

  /**
   * How a record type is written: its hash name and its members' stored names and accessors, read
   * once per type. The accessors are functions spun from each component's accessor method: a
   * reflective call on every component of every event cost more than the hashing itself.
   */
  private static final class Shape {
    final byte[] open;
    final byte[][] names;
    final List<Function<Object, @Nullable Object>> accessors;

    /**
     * Per member: whether it is left out when absent (see {@link StoredType#hashedWhenPresent}).
     */
    final boolean[] omittedWhenAbsent;

    Shape(
        byte[] open,
        byte[][] names,
        List<Function<Object, @Nullable Object>> accessors,
        boolean[] omittedWhenAbsent) {
      this.open = open;
      this.names = names;
      this.accessors = accessors;
      this.omittedWhenAbsent = omittedWhenAbsent;
    }
  }

  private static final Set<EvidenceRole> COMPROMISED_ONLY = Set.of(EvidenceRole.COMPROMISED);

  /** How the verdict of compromised evidence was written when compromise was a verdict. */
  private static final byte[] COMPROMISED_VERDICT = utf8("eVerdict.COMPROMISED");

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  /** The form the stores hash with. */
  private static final CanonicalForm CURRENT = new CanonicalForm(StoredFormat.TYPES);

  private final ClassValue<Shape> shapes;

  /** Each enum type's constants as written, by ordinal. */
  private final ClassValue<byte[][]> enums;

  private CanonicalForm(StoredTypes table) {
    shapes =
        new ClassValue<>() {
          @Override
          protected Shape computeValue(Class<?> type) {
            StoredType stored = table.forType(type);
            Map<String, RecordComponent> components = new HashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
              components.put(component.getName(), component);
            }
            List<StoredMember> members = stored.members();
            byte[][] names = new byte[members.size()][];
            List<Function<Object, @Nullable Object>> accessors = new ArrayList<>(members.size());
            boolean[] omitted = new boolean[members.size()];
            for (int i = 0; i < members.size(); i++) {
              names[i] = utf8(members.get(i).name() + "=");
              accessors.add(
                  accessor(
                      type, Objects.requireNonNull(components.get(members.get(i).component()))));
              omitted[i] = members.get(i).hashedWhenPresent();
            }
            return new Shape(utf8("r" + stored.hashName() + "{"), names, accessors, omitted);
          }
        };
    enums =
        new ClassValue<>() {
          @Override
          protected byte[][] computeValue(Class<?> type) {
            StoredType stored = table.forType(type);
            Object[] constants = type.getEnumConstants();
            byte[][] written = new byte[constants.length][];
            for (int i = 0; i < constants.length; i++) {
              String name = ((Enum<?>) constants[i]).name();
              String storedName = stored.constantName(name);
              if (storedName == null) {
                throw new IllegalArgumentException(
                    "no stored name for " + type.getName() + "." + name);
              }
              written[i] = utf8("e" + stored.hashName() + "." + storedName);
            }
            return written;
          }
        };
  }

  /** {@return the canonical form that names types as {@code table} does}: for tests of the table */
  static CanonicalForm with(StoredTypes table) {
    return new CanonicalForm(table);
  }

  private static final byte[] INSTANT = utf8("Instant:");
  private static final byte[] DURATION = utf8("Duration:");
  private static final byte[] SET = utf8("set[");
  private static final byte[] LIST = utf8("list[");
  private static final byte[] INTEGER = utf8("Integer:");
  private static final byte[] LONG = utf8("Long:");
  private static final byte[] TRUE = utf8("Boolean:4:true");
  private static final byte[] FALSE = utf8("Boolean:5:false");

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A hash being made: the digest and the buffer the canonical form is written into, reused by
   * their thread.
   */
  private static final class Hasher {
    final MessageDigest digest;
    Sink sink = new Sink();

    Hasher() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required of every Java platform", e);
      }
    }
  }

  private static final ThreadLocal<Hasher> HASHERS = ThreadLocal.withInitial(Hasher::new);

  /**
   * {@return SHA-256 over {@code previous + "|" + version + "|"} and the canonical form of {@code
   * value}, both in UTF-8}: the form is written into a buffer its thread reuses, so hashing an
   * event allocates little more than the digest it answers.
   */
  static byte[] digest(ChainHash previous, long version, Object value) {
    return CURRENT.hash(previous, version, value);
  }

  /** {@return the canonical form of {@code value}} */
  static String of(Object value) {
    return CURRENT.text(value);
  }

  /** {@return the digest {@link #digest} describes, naming types as this form's table does} */
  byte[] hash(ChainHash previous, long version, Object value) {
    Hasher hasher = HASHERS.get();
    Sink sink = hasher.sink;
    sink.reset();
    sink.ascii(previous.value()).ascii('|').number(version).ascii('|');
    write(value, sink);
    hasher.digest.update(sink.bytes, 0, sink.size);
    if (sink.bytes.length > Sink.KEPT) {
      hasher.sink = new Sink(); // an outsized event does not pin its buffer to the thread
    }
    return hasher.digest.digest();
  }

  /** {@return the canonical form of {@code value}, naming types as this form's table does} */
  String text(Object value) {
    Sink sink = new Sink();
    write(value, sink);
    return new String(sink.bytes, 0, sink.size, StandardCharsets.UTF_8);
  }

  @SuppressWarnings(
      "EnumOrdinal") // indexes the type's own constants as written, read this run: nothing stored
  private void write(@Nullable Object value, Sink out) {
    if (value == null) {
      out.ascii('~');
    } else if (value instanceof String text) {
      out.ascii('s').number(text.length()).ascii(':').text(text);
    } else if (value instanceof Enum<?> constant) {
      out.raw(enums.get(constant.getDeclaringClass())[constant.ordinal()]);
    } else if (value instanceof Record record) {
      Shape shape = shapes.get(record.getClass());
      boolean compromiseAsVerdict =
          record instanceof Evidence evidence
              && evidence.verdict() == Verdict.MALICIOUS
              && evidence.roles().equals(COMPROMISED_ONLY);
      out.raw(shape.open);
      for (int i = 0; i < shape.names.length; i++) {
        Object component = shape.accessors.get(i).apply(record);
        if (shape.omittedWhenAbsent[i]
            && (component == null
                || compromiseAsVerdict
                || (component instanceof Collection<?> items && items.isEmpty()))) {
          continue;
        }
        out.raw(shape.names[i]);
        if (compromiseAsVerdict && component == Verdict.MALICIOUS) {
          out.raw(COMPROMISED_VERDICT);
        } else {
          write(component, out);
        }
        out.ascii(';');
      }
      out.ascii('}');
    } else if (value instanceof Instant instant) {
      // seconds and nanoseconds: the same instant always, and far cheaper than its ISO text
      out.raw(INSTANT).number(instant.getEpochSecond()).ascii('.').number(instant.getNano());
    } else if (value instanceof Duration duration) {
      out.raw(DURATION).number(duration.getSeconds()).ascii('.').number(duration.getNano());
    } else if (value instanceof Set<?> set) {
      List<String> items = new ArrayList<>(set.size());
      for (Object item : set) {
        items.add(text(item));
      }
      items.sort(null);
      out.raw(SET);
      for (int i = 0; i < items.size(); i++) {
        out.text(i == 0 ? "" : ", ").text(items.get(i));
      }
      out.ascii(']');
    } else if (value instanceof Collection<?> list) {
      out.raw(LIST);
      for (Object item : list) {
        write(item, out);
        out.ascii(',');
      }
      out.ascii(']');
    } else if (value instanceof Optional<?> optional) {
      write(optional.orElse(null), out);
    } else if (value instanceof Map<?, ?>) {
      throw new IllegalArgumentException("maps have no canonical form here: " + value.getClass());
    } else if ((value instanceof Integer || value instanceof Long)
        && ((Number) value).longValue() >= 0) {
      // the form below, without the text and the class name it would build for every number
      long n = ((Number) value).longValue();
      out.raw(value instanceof Integer ? INTEGER : LONG)
          .number(Sink.digits(n))
          .ascii(':')
          .number(n);
    } else if (value instanceof Boolean flag) {
      out.raw(flag ? TRUE : FALSE);
    } else {
      // numbers and booleans: their text form is canonical
      String text = value.toString();
      out.text(value.getClass().getSimpleName())
          .ascii(':')
          .number(text.length())
          .ascii(':')
          .text(text);
    }
  }

  /** A growable buffer of UTF-8 bytes. */
  private static final class Sink {
    /** The largest buffer a thread keeps for its next event: {@value} bytes. */
    static final int KEPT = 1 << 16;

    byte[] bytes = new byte[1024];
    int size;

    void reset() {
      size = 0;
    }

    private void room(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(size + more, 2 * bytes.length));
      }
    }

    Sink ascii(char c) {
      room(1);
      bytes[size++] = (byte) c;
      return this;
    }

    /** {@return how many decimal digits {@code n}, 0 or more, has} */
    static int digits(long n) {
      int digits = 1;
      for (long rest = n / 10; rest > 0; rest /= 10) {
        digits++;
      }
      return digits;
    }

    /**
     * Appends {@code text}, whose characters are all ASCII (a chain hash's digits), one byte each.
     */
    Sink ascii(String text) {
      room(text.length());
      for (int i = 0; i < text.length(); i++) {
        bytes[size++] = (byte) text.charAt(i);
      }
      return this;
    }

    Sink number(long n) {
      if (n < 0) {
        return text(Long.toString(n));
      }
      room(19);
      int digits = digits(n);
      for (int i = size + digits - 1; i >= size; i--) {
        bytes[i] = (byte) ('0' + n % 10);
        n /= 10;
      }
      size += digits;
      return this;
    }

    /**
     * Appends {@code text} in UTF-8, as {@link String#getBytes} encodes it (an unpaired surrogate
     * as '?'). ASCII, nearly every string an event holds, is copied one byte a character without
     * the array {@code getBytes} would allocate (that garbage, a kilobyte an event, cost more than
     * the copy).
     */
    Sink text(String text) {
      int length = text.length();
      room(length);
      int start = size;
      for (int i = 0; i < length; i++) {
        char c = text.charAt(i);
        if (c >= 0x80) {
          size = start;
          return raw(text.getBytes(StandardCharsets.UTF_8));
        }
        bytes[start + i] = (byte) c;
      }
      size = start + length;
      return this;
    }

    Sink raw(byte[] encoded) {
      room(encoded.length);
      System.arraycopy(encoded, 0, bytes, size, encoded.length);
      size += encoded.length;
      return this;
    }
  }

  /** {@return a function calling the accessor of {@code component} of record type {@code type}} */
  @SuppressWarnings("unchecked") // the call site makes a Function, as asked
  private static Function<Object, @Nullable Object> accessor(
      Class<?> type, RecordComponent component) {
    try {
      MethodHandle target = LOOKUP.unreflect(component.getAccessor());
      MethodType read = MethodType.methodType(target.type().returnType(), type).wrap();
      CallSite site =
          LambdaMetafactory.metafactory(
              LOOKUP,
              "apply",
              MethodType.methodType(Function.class),
              MethodType.methodType(Object.class, Object.class),
              target,
              read);
      return (Function<Object, @Nullable Object>) site.getTarget().invoke();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(
          "cannot read " + component.getName() + " of " + type.getName(), e);
    }
  }
}
