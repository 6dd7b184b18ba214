package dev.parry.core.entity;

import dev.parry.core.internal.Text;

/**
 * The full path of a scheduled task in the Task Scheduler library, such as {@code \Microsoft\Updater}. Compared case-insensitively.
 *
 * @param value 1-1024 characters, starting with {@code \}, no spoofing characters (see the package documentation)
 */
public record ScheduledTaskPath(String value) {

  /** The longest value accepted: {@value}. */
  public static final int MAX_LENGTH = 1024;

  /**
   * Validates the value.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if it is empty, longer than {@value #MAX_LENGTH}, holds a spoofing character or does not start with {@code \}
   */
  public ScheduledTaskPath {
    Text.requireIdentifier("scheduledTaskPath", value, 1, MAX_LENGTH);
    if (value.charAt(0) != '\\') {
      throw new IllegalArgumentException("scheduledTaskPath must start with '\\', was: " + Text.show(value));
    }
  }

  /**
   * {@return the value for {@code value}}
   *
   * <pre>{@code ScheduledTaskPath v = ScheduledTaskPath.of("\\Updater");}</pre>
   *
   * @param value the text
   * @throws IllegalArgumentException if the value is not valid
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
