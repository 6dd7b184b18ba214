package dev.parry.spi.internal;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.InvestigationEvent;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a value stored by an earlier release of Parry lacks, and what its absence stands for: each
 * component added to a stored record since the first release, with the value an earlier release
 * meant by writing nothing. Components that may be null (an expiry, a deadline) need no entry: absent,
 * they read as null.
 *
 * <table>
 *   <caption>Components filled in when absent</caption>
 *   <tr><th>Record</th><th>Component</th><th>Read as</th></tr>
 *   <tr><td>{@code ActionRecord}</td><td>{@code undoAttempts}</td><td>0: none counted before</td></tr>
 *   <tr><td>{@code ActionRecord}</td><td>{@code requestComment}</td><td>empty: no comment kept</td></tr>
 *   <tr><td>{@code ActionProposed}</td><td>{@code comment}</td><td>empty: no comment kept</td></tr>
 * </table>
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
final class StoredDefaults {

  private StoredDefaults() {}

  /** {@return whether {@code component} of {@code type} has a value for its absence} */
  static boolean covers(Class<?> type, String component) {
    if (type == ActionRecord.class) {
      return component.equals("undoAttempts") || component.equals("requestComment");
    }
    return type == InvestigationEvent.ActionProposed.class && component.equals("comment");
  }

  /**
   * {@return the value of {@code component}, absent from {@code stored}}
   *
   * @param type a type {@link #covers} answers true for
   * @param component the component
   * @param stored the stored members, as parsed
   * @param read the components read from them, by name
   */
  static @Nullable Object of(Class<?> type, String component, Map<?, ?> stored, Map<String, @Nullable Object> read) {
    return switch (component) {
      case "undoAttempts" -> 0;
      case "requestComment", "comment" -> "";
      default -> throw new IllegalArgumentException("no stored default for " + type.getSimpleName() + "." + component);
    };
  }
}
