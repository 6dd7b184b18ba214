package dev.parry.core.automation;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.time.LocalDate;

/**
 * How much a device group lets automated investigation remediate on its own.
 *
 * <table>
 *   <caption>Level by verdict (device entities)</caption>
 *   <tr><th>Level</th><th>Malicious</th><th>Suspicious</th><th>No threats found</th></tr>
 *   <tr><td>{@link #FULL}</td><td>automatic</td><td>pending</td><td>none</td></tr>
 *   <tr><td>{@link #SEMI_ALL_FOLDERS}</td><td>pending</td><td>pending</td><td>none</td></tr>
 *   <tr><td>{@link #SEMI_CORE_FOLDERS}</td><td>pending in a core folder, else automatic</td><td>pending</td><td>none</td></tr>
 *   <tr><td>{@link #SEMI_NON_TEMP_FOLDERS}</td><td>automatic in a temp folder, else pending</td><td>pending</td><td>none</td></tr>
 *   <tr><td>{@link #NO_AUTOMATED_RESPONSE}</td><td colspan="3">no investigation: nothing taken or pending</td></tr>
 * </table>
 */
public enum AutomationLevel {
  /** "Full - remediate threats automatically". */
  FULL,
  /** "Semi - require approval for any remediation" (newer consoles: "all folders"). */
  SEMI_ALL_FOLDERS,
  /** "Semi - require approval for core folders remediation" ("system folders"). */
  SEMI_CORE_FOLDERS,
  /** "Semi - require approval for non-temp folders remediation". */
  SEMI_NON_TEMP_FOLDERS,
  /** "No automated response": no automated investigation runs. */
  NO_AUTOMATED_RESPONSE;

  /** The first tenant creation date whose default level is {@link #FULL}: {@value}. */
  public static final String FULL_BY_DEFAULT_SINCE = "2020-08-16";

  /**
   * {@return the default level of a tenant created on {@code tenantCreated}}: {@link #FULL} from
   * 2020-08-16 on, {@link #SEMI_ALL_FOLDERS} before.
   *
   * @param tenantCreated the day the tenant was created
   * @throws InvalidInputException if {@code tenantCreated} is null
   */
  public static AutomationLevel defaultFor(LocalDate tenantCreated) {
    Checks.notNull(tenantCreated, "tenantCreated");
    return tenantCreated.isBefore(LocalDate.parse(FULL_BY_DEFAULT_SINCE)) ? SEMI_ALL_FOLDERS : FULL;
  }
}
