// Past 400 lines because the table's rows, their checks and the default rows read together as one
// // piece of data.
package dev.parry.core.policy;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceEntity;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.entity.Driver;
import dev.parry.core.entity.EmailAttachment;
import dev.parry.core.entity.EmailCluster;
import dev.parry.core.entity.EmailEntity;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.InternetDomain;
import dev.parry.core.entity.IpAddress;
import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.OAuthApplication;
import dev.parry.core.entity.RegistryKey;
import dev.parry.core.entity.RegistryValue;
import dev.parry.core.entity.ScheduledTask;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.WindowsService;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which actions the standard policy plans for each entity type and verdict, and whether each may
 * run automatically or always waits for approval: the plan table, as data a service can read, print
 * and replace.
 *
 * <p>A row's step says what is planned and its mode at full automation. {@link
 * ApprovalMode#AUTOMATIC} means "automatic where the automation level allows it": the device
 * group's level for device entities, {@link AutomationContext#emailAutomation()} for email, {@link
 * AutomationContext#identityAutomation()} for users, then the scope rule and the safety guards, can
 * each still hold it for approval. {@link ApprovalMode#REQUIRES_APPROVAL} means pending at every
 * level. A pair with no row plans nothing. A step may build nothing for one entity when the entity
 * lacks what the action needs: quarantine needs a file's path (a file known only by its hash is
 * stopped and quarantined instead), deleting the message that carried a URL needs that message,
 * turning off forwarding needs a forwarding address.
 *
 * <p>The defaults ({@link #defaults()}), with Defender's pages as sources in the README's plan
 * table:
 *
 * <table>
 *   <caption>The default plan table</caption>
 *   <tr><th>Entity</th><th>Verdict</th><th>Steps</th></tr>
 *   <tr><td>Device</td><td>malicious, suspicious</td><td>isolate device: pending (isolating a whole
 *       device is an analyst's decision, AIR's automatic device remediations are the six below)</td></tr>
 *   <tr><td>DeviceFile</td><td>malicious</td><td>quarantine file (a file at a path), stop and
 *       quarantine file (a file known only by hash): automatic</td></tr>
 *   <tr><td>DeviceProcess, WindowsService, Driver, RegistryKey, RegistryValue, ScheduledTask</td>
 *       <td>malicious</td><td>kill process, stop service, disable driver, remove registry key, remove
 *       registry value, remove scheduled task: automatic</td></tr>
 *   <tr><td>EmailMessage, EmailCluster, EmailAttachment</td><td>malicious</td><td>soft delete the
 *       message or cluster: automatic where email automation allows (by default it does not)</td></tr>
 *   <tr><td>Url</td><td>malicious</td><td>block URL, soft delete the message it came in</td></tr>
 *   <tr><td>Mailbox</td><td>malicious</td><td>turn off external forwarding, remove delegation</td></tr>
 *   <tr><td>every type above</td><td>suspicious</td><td>the malicious row's steps, all pending</td></tr>
 *   <tr><td>UserAccount</td><td>malicious, suspicious</td><td>confirm user as compromised, disable
 *       user, reset user password: all pending (only a compromise is remediated automatically)</td></tr>
 *   <tr><td>IpAddress, InternetDomain, OAuthApplication</td><td>malicious, suspicious</td><td>nothing (a row
 *       with no steps): Defender answers them with a block indicator (IP address, domain) or app governance
 *       (OAuth app), a tenant setting rather than an action an executor carries out, which Parry does not run;
 *       a threat about them is recorded as a threat left without an action (core/DOMAIN.md D23b, D34). A URL
 *       is blocked by the row above.</td></tr>
 * </table>
 *
 * <p>Compromise is an evidence role, not a verdict ({@link
 * dev.parry.core.verdict.EvidenceRole#COMPROMISED}), and has rows of its own, {@link
 * CompromiseRow}: evidence with the role plans its type's compromise row whatever its verdict, and
 * the verdict's row when the type has none.
 *
 * <table>
 *   <caption>The default compromise rows</caption>
 *   <tr><th>Entity</th><th>Steps</th></tr>
 *   <tr><td>UserAccount</td><td>confirm user as compromised, disable user: automatic; reset user
 *       password: pending. Revoke sessions is not planned.</td></tr>
 *   <tr><td>Device</td><td>isolate device: pending</td></tr>
 * </table>
 *
 * <p>Rows are checked when they are built: the verdict must call for remediation and apply to the
 * entity's family, each kind must act on the entity type, a kind appears once per row, a kind that
 * may never run automatically ({@link ActionKind#mayRunAutomatically()}) is pending, and a
 * suspicious row is all pending (suspicious verdicts always need approval).
 *
 * <pre>{@code
 * // contain unmanaged devices instead of isolating them; every other row stays as it is
 * PlanTable table = PlanTable.defaults()
 *     .with(PlanTable.Row.of(Device.class, Verdict.MALICIOUS, PlanTable.Step.pending(ActionKind.CONTAIN_DEVICE)));
 * AutomationContext context = AutomationContext.of(AutomationLevel.FULL).withPlanTable(table);
 * }</pre>
 */
public final class PlanTable {
  // Past 400 lines because the table's rows, their checks and the default rows read together as one
  // piece of data.

  /**
   * One action a row plans, and its mode at full automation.
   *
   * @param kind the kind of action to propose; the entity of the row is its target
   * @param mode automatic where the automation level allows it, or pending at every level
   */
  public record Step(ActionKind kind, ApprovalMode mode) {

    /**
     * Validates the step.
     *
     * @param kind the kind of action to propose; the entity of the row is its target
     * @param mode automatic where the automation level allows it, or pending at every level
     * @throws InvalidInputException if a component is null
     */
    public Step {
      Checks.notNull(kind, "kind");
      Checks.notNull(mode, "mode");
    }

    /**
     * {@return a step that runs automatically where the automation level allows it}
     *
     * @param kind the kind
     */
    public static Step automatic(ActionKind kind) {
      return new Step(kind, ApprovalMode.AUTOMATIC);
    }

    /**
     * {@return a step that waits for approval at every level}
     *
     * @param kind the kind
     */
    public static Step pending(ActionKind kind) {
      return new Step(kind, ApprovalMode.REQUIRES_APPROVAL);
    }

    @Override
    public String toString() {
      return kind + (mode == ApprovalMode.AUTOMATIC ? " automatic" : " pending");
    }
  }

  /**
   * What the table plans for evidence about one entity type with one verdict.
   *
   * @param entityType the entity's record type, such as {@code DeviceFile.class}
   * @param verdict a verdict that calls for remediation and applies to the type's family
   * @param steps the actions, in the order they are proposed (copied); empty plans nothing
   */
  public record Row(Class<? extends Entity> entityType, Verdict verdict, List<Step> steps) {

    /**
     * Validates and copies the row.
     *
     * @param entityType the entity's record type, such as {@code DeviceFile.class}
     * @param verdict a verdict that calls for remediation and applies to the type's family
     * @param steps the actions, in the order they are proposed (copied); empty plans nothing
     * @throws InvalidInputException if a component or a step is null
     * @throws InvalidInputException if the type is not an entity record, the verdict calls for no
     *     remediation or does not apply to the type's family, a kind cannot act on the type or
     *     appears twice, a kind that may never run automatically is automatic, or a suspicious row
     *     holds an automatic step
     */
    public Row {
      Checks.notNull(entityType, "entityType");
      Checks.notNull(verdict, "verdict");
      steps = Checks.listOf(steps, "steps");
      if (!entityType.isRecord() || !Entity.class.isAssignableFrom(entityType)) {
        throw new InvalidInputException(
            "entityType",
            entityType.getName(),
            "entityType must be an entity record such as DeviceFile, was: " + entityType.getName());
      }
      String type = entityType.getSimpleName();
      if (!verdict.isThreat()) {
        throw new InvalidInputException(
            "verdict",
            null,
            "verdict must call for remediation (MALICIOUS or SUSPICIOUS),"
                + " was: "
                + verdict
                + " for "
                + type);
      }
      if (!verdict.appliesTo(familyOf(entityType))) {
        throw new InvalidInputException(
            "verdict", null, "verdict " + verdict + " does not apply to " + type);
      }
      checkSteps(
          steps, entityType, "the row for " + verdict + " " + type, verdict == Verdict.SUSPICIOUS);
    }

    /**
     * {@return the row}
     *
     * @param entityType the entity's record type
     * @param verdict the verdict
     * @param steps the actions, in order
     * @throws InvalidInputException as {@link Row#Row} does
     */
    public static Row of(Class<? extends Entity> entityType, Verdict verdict, Step... steps) {
      return new Row(entityType, verdict, List.of(Checks.noNulls(steps, "steps")));
    }

    /**
     * {@return the family of the row's entity type, which decides which automation level applies}
     */
    public EntityFamily family() {
      return familyOf(entityType);
    }

    @Override
    public String toString() {
      return "Row{" + verdict + " " + entityType.getSimpleName() + " -> " + steps + "}";
    }
  }

  /**
   * What the table plans for evidence about one entity type that carries the role {@link
   * dev.parry.core.verdict.EvidenceRole#COMPROMISED}, whatever its verdict.
   *
   * @param entityType the entity's record type: a type the role applies to (users and devices)
   * @param steps the actions, in the order they are proposed (copied); empty plans nothing
   */
  public record CompromiseRow(Class<? extends Entity> entityType, List<Step> steps) {

    /**
     * Validates and copies the row.
     *
     * @param entityType the entity's record type: a type the role applies to (users and devices)
     * @param steps the actions, in the order they are proposed (copied); empty plans nothing
     * @throws InvalidInputException if a component or a step is null
     * @throws InvalidInputException if the type is not an entity record or not one the role applies
     *     to, a kind cannot act on the type or appears twice, or a kind that may never run
     *     automatically is automatic
     */
    public CompromiseRow {
      Checks.notNull(entityType, "entityType");
      steps = Checks.listOf(steps, "steps");
      if (!entityType.isRecord() || !Entity.class.isAssignableFrom(entityType)) {
        throw new InvalidInputException(
            "entityType",
            entityType.getName(),
            "entityType must be an entity record such as UserAccount, was: "
                + entityType.getName());
      }
      if (!EvidenceRole.COMPROMISED.appliesTo(familyOf(entityType))) {
        throw new InvalidInputException(
            "entityType", null, "role COMPROMISED does not apply to " + entityType.getSimpleName());
      }
      checkSteps(steps, entityType, "the compromise row for " + entityType.getSimpleName(), false);
    }

    /**
     * {@return the row}
     *
     * <pre>{@code PlanTable.CompromiseRow row = PlanTable.CompromiseRow.of(UserAccount.class,
     *     PlanTable.Step.automatic(ActionKind.DISABLE_USER), PlanTable.Step.automatic(ActionKind.REVOKE_SESSIONS));}
     * </pre>
     *
     * @param entityType the entity's record type
     * @param steps the actions, in order
     * @throws InvalidInputException as {@link CompromiseRow#CompromiseRow} does
     */
    public static CompromiseRow of(Class<? extends Entity> entityType, Step... steps) {
      return new CompromiseRow(entityType, List.of(Checks.noNulls(steps, "steps")));
    }

    /**
     * {@return the family of the row's entity type, which decides which automation level applies}
     */
    public EntityFamily family() {
      return familyOf(entityType);
    }

    @Override
    public String toString() {
      return "Row{COMPROMISED " + entityType.getSimpleName() + " -> " + steps + "}";
    }
  }

  /**
   * Checks the steps of a row: kinds that act on the type, once each, pending where they must be.
   */
  private static void checkSteps(
      List<Step> steps, Class<? extends Entity> entityType, String where, boolean allPending) {
    String type = entityType.getSimpleName();
    Set<ActionKind> seen = EnumSet.noneOf(ActionKind.class);
    for (Step step : steps) {
      ActionKind kind = step.kind();
      if (!StandardActions.targets(kind, entityType)) {
        throw new InvalidInputException(
            "steps", kind, kind + " cannot act on " + type + " entities");
      }
      if (!seen.add(kind)) {
        throw new InvalidInputException("steps", kind, kind + " appears twice in " + where);
      }
      if (step.mode() == ApprovalMode.AUTOMATIC && !kind.mayRunAutomatically()) {
        throw new InvalidInputException(
            "steps",
            kind,
            kind + " never runs automatically, so its step must be pending, in " + where);
      }
      if (step.mode() == ApprovalMode.AUTOMATIC && allPending) {
        throw new InvalidInputException(
            "suspicious",
            null,
            "suspicious verdicts always need approval, so every step of a SUSPICIOUS"
                + " row is pending, was: "
                + step
                + " for "
                + type);
      }
    }
  }

  private static final PlanTable DEFAULTS = of(defaultRows(), defaultCompromiseRows());

  private final List<Row> rows;
  private final Map<Class<? extends Entity>, Map<Verdict, Row>> index;
  private final List<CompromiseRow> compromiseRows;

  private PlanTable(
      List<Row> rows,
      Map<Class<? extends Entity>, Map<Verdict, Row>> index,
      List<CompromiseRow> compromiseRows) {
    this.rows = rows;
    this.index = index;
    this.compromiseRows = compromiseRows;
  }

  /**
   * {@return the default table: Defender's seed table and threat-to-action mapping (see the class
   * comment)}
   */
  public static PlanTable defaults() {
    return DEFAULTS;
  }

  /**
   * {@return a table of exactly these rows and no compromise rows}: a pair with no row plans
   * nothing, and compromised evidence plans its verdict's row.
   *
   * <pre>{@code PlanTable onlyFiles = PlanTable.of(List.of(
   *     PlanTable.Row.of(DeviceFile.class, Verdict.MALICIOUS, PlanTable.Step.automatic(ActionKind.QUARANTINE_FILE))));}
   * </pre>
   *
   * @param rows the rows, at most one per entity type and verdict
   * @throws InvalidInputException if the list or a row is null
   * @throws InvalidInputException if two rows share an entity type and verdict
   */
  public static PlanTable of(List<Row> rows) {
    return of(rows, List.of());
  }

  /**
   * {@return a table of exactly these rows and compromise rows}
   *
   * @param rows the rows, at most one per entity type and verdict
   * @param compromiseRows the compromise rows, at most one per entity type
   * @throws InvalidInputException if a list or a row is null
   * @throws InvalidInputException if two rows share an entity type and verdict, or two compromise
   *     rows a type
   */
  public static PlanTable of(List<Row> rows, List<CompromiseRow> compromiseRows) {
    List<CompromiseRow> compromises = Checks.listOf(compromiseRows, "compromiseRows");
    Set<Class<? extends Entity>> compromised = new java.util.HashSet<>();
    for (CompromiseRow row : compromises) {
      if (!compromised.add(row.entityType())) {
        throw new InvalidInputException(
            "rows", null, "two compromise rows for " + row.entityType().getSimpleName());
      }
    }
    List<Row> copy = Checks.listOf(rows, "rows");
    Map<Class<? extends Entity>, Map<Verdict, Row>> index = new HashMap<>();
    for (Row row : copy) {
      Row previous =
          index
              .computeIfAbsent(row.entityType(), type -> new EnumMap<>(Verdict.class))
              .put(row.verdict(), row);
      if (previous != null) {
        throw new InvalidInputException(
            "rows", null, "two rows for " + row.verdict() + " " + row.entityType().getSimpleName());
      }
    }
    return new PlanTable(copy, Map.copyOf(index), compromises);
  }

  /** {@return the rows, in the order they were given} */
  public List<Row> rows() {
    return rows;
  }

  /**
   * {@return the row for {@code entityType} and {@code verdict}, or empty if the table plans
   * nothing for them}
   *
   * @param entityType the entity's record type
   * @param verdict the verdict
   * @throws InvalidInputException if {@code entityType} is null
   * @throws InvalidInputException if {@code verdict} is null
   */
  public Optional<Row> row(Class<? extends Entity> entityType, Verdict verdict) {
    Map<Verdict, Row> byVerdict = index.get(Checks.notNull(entityType, "entityType"));
    return byVerdict == null
        ? Optional.empty()
        : Optional.ofNullable(byVerdict.get(Checks.notNull(verdict, "verdict")));
  }

  /** {@return the compromise rows, in the order they were given} */
  public List<CompromiseRow> compromiseRows() {
    return compromiseRows;
  }

  /**
   * {@return the compromise row for {@code entityType}, or empty if compromised evidence of that
   * type plans its verdict's row}
   *
   * @param entityType the entity's record type
   * @throws InvalidInputException if {@code entityType} is null
   */
  public Optional<CompromiseRow> compromiseRow(Class<? extends Entity> entityType) {
    Checks.notNull(entityType, "entityType");
    for (CompromiseRow row : compromiseRows) {
      if (row.entityType() == entityType) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  /**
   * {@return this table with {@code row} in place of the compromise row for its entity type}, or
   * added at the end
   *
   * @param row the compromise row
   * @throws InvalidInputException if {@code row} is null
   */
  public PlanTable with(CompromiseRow row) {
    Checks.notNull(row, "row");
    List<CompromiseRow> out = new ArrayList<>(compromiseRows.size() + 1);
    for (CompromiseRow each : compromiseRows) {
      if (each.entityType() != row.entityType()) {
        out.add(each);
      }
    }
    out.add(row);
    return of(rows, out);
  }

  /**
   * {@return this table without the compromise row for {@code entityType}}: compromised evidence of
   * that type plans its verdict's row
   *
   * @param entityType the entity's record type
   * @throws InvalidInputException if {@code entityType} is null
   */
  public PlanTable withoutCompromise(Class<? extends Entity> entityType) {
    Checks.notNull(entityType, "entityType");
    List<CompromiseRow> out = new ArrayList<>(compromiseRows.size());
    for (CompromiseRow each : compromiseRows) {
      if (each.entityType() != entityType) {
        out.add(each);
      }
    }
    return of(rows, out);
  }

  /**
   * {@return this table with {@code row} in place of the row for its entity type and verdict}, or
   * added at the end if there was none
   *
   * @param row the row
   * @throws InvalidInputException if {@code row} is null
   */
  public PlanTable with(Row row) {
    Checks.notNull(row, "row");
    List<Row> out = new ArrayList<>(rows.size() + 1);
    boolean replaced = false;
    for (Row each : rows) {
      if (each.entityType() == row.entityType() && each.verdict() == row.verdict()) {
        out.add(row);
        replaced = true;
      } else {
        out.add(each);
      }
    }
    if (!replaced) {
      out.add(row);
    }
    return of(out, compromiseRows);
  }

  /**
   * {@return this table without the row for {@code entityType} and {@code verdict}}: that pair
   * plans nothing
   *
   * @param entityType the entity's record type
   * @param verdict the verdict
   * @throws InvalidInputException if {@code entityType} is null
   * @throws InvalidInputException if {@code verdict} is null
   */
  public PlanTable without(Class<? extends Entity> entityType, Verdict verdict) {
    Checks.notNull(entityType, "entityType");
    Checks.notNull(verdict, "verdict");
    List<Row> out = new ArrayList<>(rows.size());
    for (Row each : rows) {
      if (each.entityType() != entityType || each.verdict() != verdict) {
        out.add(each);
      }
    }
    return of(out, compromiseRows);
  }

  /** {@return every kind some row or compromise row plans} */
  public Set<ActionKind> kinds() {
    Set<ActionKind> kinds = EnumSet.noneOf(ActionKind.class);
    for (Row row : rows) {
      for (Step step : row.steps()) {
        kinds.add(step.kind());
      }
    }
    for (CompromiseRow row : compromiseRows) {
      for (Step step : row.steps()) {
        kinds.add(step.kind());
      }
    }
    return kinds;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlanTable table
        && Set.copyOf(rows).equals(Set.copyOf(table.rows))
        && Set.copyOf(compromiseRows).equals(Set.copyOf(table.compromiseRows));
  }

  @Override
  public int hashCode() {
    return Set.copyOf(rows).hashCode() * 31 + Set.copyOf(compromiseRows).hashCode();
  }

  @Override
  public String toString() {
    return "PlanTable{rows=" + rows + ", compromiseRows=" + compromiseRows + "}";
  }

  private static EntityFamily familyOf(Class<? extends Entity> type) {
    if (DeviceEntity.class.isAssignableFrom(type)) {
      return EntityFamily.DEVICE;
    }
    return EmailEntity.class.isAssignableFrom(type) ? EntityFamily.EMAIL : EntityFamily.IDENTITY;
  }

  private static List<Row> defaultRows() {
    Map<Class<? extends Entity>, List<ActionKind>> malicious = new LinkedHashMap<>();
    malicious.put(
        DeviceFile.class, List.of(ActionKind.QUARANTINE_FILE, ActionKind.STOP_AND_QUARANTINE_FILE));
    malicious.put(DeviceProcess.class, List.of(ActionKind.KILL_PROCESS));
    malicious.put(WindowsService.class, List.of(ActionKind.STOP_SERVICE));
    malicious.put(Driver.class, List.of(ActionKind.DISABLE_DRIVER));
    malicious.put(RegistryKey.class, List.of(ActionKind.REMOVE_REGISTRY_KEY));
    malicious.put(RegistryValue.class, List.of(ActionKind.REMOVE_REGISTRY_VALUE));
    malicious.put(ScheduledTask.class, List.of(ActionKind.REMOVE_SCHEDULED_TASK));
    malicious.put(EmailMessage.class, List.of(ActionKind.SOFT_DELETE_EMAIL));
    malicious.put(EmailCluster.class, List.of(ActionKind.SOFT_DELETE_EMAIL));
    malicious.put(EmailAttachment.class, List.of(ActionKind.SOFT_DELETE_EMAIL));
    malicious.put(Url.class, List.of(ActionKind.BLOCK_URL, ActionKind.SOFT_DELETE_EMAIL));
    malicious.put(
        Mailbox.class,
        List.of(ActionKind.TURN_OFF_EXTERNAL_FORWARDING, ActionKind.REMOVE_DELEGATION));
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of(Device.class, Verdict.MALICIOUS, Step.pending(ActionKind.ISOLATE_DEVICE)));
    malicious.forEach(
        (type, kinds) ->
            rows.add(new Row(type, Verdict.MALICIOUS, steps(kinds, ApprovalMode.AUTOMATIC))));
    rows.add(Row.of(Device.class, Verdict.SUSPICIOUS, Step.pending(ActionKind.ISOLATE_DEVICE)));
    malicious.forEach(
        (type, kinds) ->
            rows.add(
                new Row(type, Verdict.SUSPICIOUS, steps(kinds, ApprovalMode.REQUIRES_APPROVAL))));
    for (Verdict verdict : List.of(Verdict.MALICIOUS, Verdict.SUSPICIOUS)) {
      rows.add(
          Row.of(
              UserAccount.class,
              verdict,
              Step.pending(ActionKind.MARK_USER_COMPROMISED),
              Step.pending(ActionKind.DISABLE_USER),
              Step.pending(ActionKind.RESET_PASSWORD)));
    }
    // Defender answers these with a block indicator or app governance, neither an action Parry runs
    // (DOMAIN.md D23b)
    for (Verdict verdict : List.of(Verdict.MALICIOUS, Verdict.SUSPICIOUS)) {
      for (Class<? extends Entity> type :
          List.of(IpAddress.class, InternetDomain.class, OAuthApplication.class)) {
        rows.add(Row.of(type, verdict));
      }
    }
    return rows;
  }

  private static List<CompromiseRow> defaultCompromiseRows() {
    return List.of(
        CompromiseRow.of(Device.class, Step.pending(ActionKind.ISOLATE_DEVICE)),
        CompromiseRow.of(
            UserAccount.class,
            Step.automatic(ActionKind.MARK_USER_COMPROMISED),
            Step.automatic(ActionKind.DISABLE_USER),
            Step.pending(ActionKind.RESET_PASSWORD)));
  }

  private static List<Step> steps(List<ActionKind> kinds, ApprovalMode mode) {
    List<Step> out = new ArrayList<>(kinds.size());
    for (ActionKind kind : kinds) {
      out.add(new Step(kind, mode));
    }
    return out;
  }
}
