package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;

/**
 * The full path of a scheduled task in the Task Scheduler library, such as {@code
 * \Microsoft\Updater}. Compared case-insensitively.
 *
 * <p>Reports name tasks with and without the leading {@code \} ({@code Microsoft\Updater}); both
 * are the same task, under the library's root, and the value is kept with the {@code \}.
 *
 * @param value 1-1024 characters, no spoofing characters (see the package documentation); a leading
 *     {@code \} is added if missing
 */
public record ScheduledTaskPath(String value) {

  /** The longest value accepted: {@value}. */
  public static final int MAX_LENGTH = 1024;

  /**
   * Validates the value.
   *
   * @param value 1-1024 characters, no spoofing characters (see the package documentation); a
   *     leading {@code \} is added if missing
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is empty, longer than {@value #MAX_LENGTH} (its leading
   *     {@code \} counted), or holds a spoofing character
   */
  public ScheduledTaskPath {
    Text.requireIdentifier("scheduledTaskPath", value, 1, MAX_LENGTH);
    if (value.charAt(0) != '\\') {
      if (value.length() == MAX_LENGTH) {
        throw new InvalidInputException(
            "scheduledTaskPath",
            value,
            "scheduledTaskPath must be at most "
                + MAX_LENGTH
                + " characters with its leading '\\', was: "
                + Text.show(value));
      }
      value = "\\" + value;
    }
  }

  /**
   * {@return the value for {@code value}}
   *
   * <pre>{@code ScheduledTaskPath v = ScheduledTaskPath.of("\\Updater");}</pre>
   *
   * @param value the text
   * @throws InvalidInputException if the value is not valid
   */
  public static ScheduledTaskPath of(String value) {
    return new ScheduledTaskPath(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScheduledTaskPath that && Text.equalsFolded(value, that.value);
  }

  @Override
  public int hashCode() {
    return Text.foldedHash(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
