package dev.parry.core.error;

import dev.parry.core.internal.Text;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A value Parry refuses: null where a value is needed, empty or too long, a control or spoofing
 * character, a number out of range, or values that do not fit together. {@link #field()} names the
 * parameter or field, {@link #value()} shows the offending value, escaped and cut for a log or an
 * HTTP body. Nothing was changed. HTTP 400.
 *
 * <pre>{@code
 * try {
 *   DeviceId.of(text);
 * } catch (InvalidInputException e) {
 *   problems.put(e.field(), e.getMessage());
 * }
 * }</pre>
 */
public non-sealed class InvalidInputException extends ParryException {

  private static final long serialVersionUID = 1L;

  /** The most characters of an offending value {@link #value()} keeps: {@value}. */
  public static final int MAX_VALUE_LENGTH = 200;

  /** The parameter, field or member that was wrong. */
  private final String field;

  /**
   * The offending value as text, escaped and cut to {@link #MAX_VALUE_LENGTH}, or null when it was
   * null.
   */
  private final @Nullable String value;

  /**
   * Creates the exception.
   *
   * @param field the parameter or field that was wrong, for example {@code deviceId} or {@code
   *     evidence[3]}
   * @param value the offending value, or null if it was null or is not worth showing; its first
   *     {@value #MAX_VALUE_LENGTH} characters are kept, escaped
   * @param message what was wrong, naming the field and showing the value
   */
  public InvalidInputException(String field, @Nullable Object value, String message) {
    this(field, value, message, null);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param field the parameter or field that was wrong
   * @param value the offending value, or null
   * @param message what was wrong
   * @param cause what was thrown while checking, or null
   */
  public InvalidInputException(
      String field, @Nullable Object value, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.field = Text.escape(field, MAX_VALUE_LENGTH);
    this.value = value == null ? null : Text.escape(String.valueOf(value), MAX_VALUE_LENGTH);
  }

  /**
   * {@return the exception for a null where a value is needed}
   *
   * @param field the parameter or field that was null
   */
  public static InvalidInputException nullValue(String field) {
    return new InvalidInputException(field, null, field + " must not be null");
  }

  @Override
  public final Category category() {
    return Category.INVALID_INPUT;
  }

  /**
   * {@return the parameter or field that was wrong}, for example {@code comment} or {@code
   * evidence[3]}
   */
  public String field() {
    return field;
  }

  /**
   * {@return the offending value: its first {@value #MAX_VALUE_LENGTH} characters (then three
   * dots), with control, bidirectional and invisible characters written as a backslash, a {@code u}
   * and four hex digits}; empty if it was null or is not shown
   */
  public Optional<String> value() {
    return Optional.ofNullable(value);
  }
}
