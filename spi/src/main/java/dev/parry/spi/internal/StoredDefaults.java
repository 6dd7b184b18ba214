package dev.parry.spi.internal;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.entity.FilePath;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.ActionStep;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How format version 1 reads: what a value stored by an earlier release of Parry lacks, and what
 * its absence stands for. Version 1 is every value written without a {@code "@version"} member,
 * including those written before members were added to it; this is the step of the read path
 * ({@link RecordJson}) that makes them whole: each member added to a stored record since the first
 * release, with the value an earlier release meant by writing nothing, and the values whose meaning
 * changed within version 1 ({@link #upcast}, applied to version 1 only). Members are named by their
 * stored names ({@link StoredFormat}), never by Java names. Members that may be null (an expiry, a
 * deadline) need no entry: absent, they read as null.
 *
 * <table>
 *   <caption>Components filled in when absent</caption>
 *   <tr><th>Record</th><th>Component</th><th>Read as</th></tr>
 *   <tr><td>{@code Investigation}</td><td>{@code threatsWithoutAction}</td><td>each threat in its evidence
 *       that no action targets</td></tr>
 *   <tr><td>{@code ActionRecord}</td><td>{@code undoAttempts}</td><td>0: none counted before</td></tr>
 *   <tr><td>{@code ActionRecord}</td><td>{@code requestComment}</td><td>empty: no comment kept</td></tr>
 *   <tr><td>{@code ActionRecord}</td><td>{@code steps}</td><td>what the stored record still tells: see
 *       {@link #steps}</td></tr>
 *   <tr><td>{@code ActionRecord}</td><td>{@code source}</td><td>what its requester and family imply
 *       ({@code ActionSource.of}): sources were automated or manual only</td></tr>
 *   <tr><td>{@code ActionProposed}</td><td>{@code comment}</td><td>empty: no comment kept</td></tr>
 *   <tr><td>{@code ActionProposed}</td><td>{@code source}</td><td>what its actor and family imply</td></tr>
 *   <tr><td>{@code Evidence}</td><td>{@code roles}</td><td>none: roles were not kept</td></tr>
 * </table>
 *
 * <p>Components added as nullable read as null when absent: a user's SID, account name and domain,
 * a mailbox's owner, a message's Internet message id, display sender and delivery location, a
 * cluster's query and {@code clusterBy} text. Values whose meaning changed are upcast before they
 * are bound ({@link #upcast}):
 *
 * <table>
 *   <caption>Stored values read anew</caption>
 *   <tr><th>Record</th><th>Stored</th><th>Read as</th></tr>
 *   <tr><td>{@code Evidence}</td><td>{@code "verdict":"COMPROMISED"} (a verdict until compromise became a
 *       role)</td><td>verdict {@code MALICIOUS} with the role {@code COMPROMISED} added: planned by the
 *       compromise row, as it was</td></tr>
 * </table>
 *
 * <p>Components that may be null and were added since need no entry: a {@code Device}'s {@code
 * entraDeviceId} and {@code rbacGroupName}, a {@code DeviceFile}'s {@code md5}, a {@code
 * DeviceProcess}'s {@code creationTime}, {@code commandLine} and {@code parent} read as not
 * reported. A process stored without its creation time reads as it was; a kill of it is never sent.
 *
 * <table>
 *   <caption>Components whose type became a sealed interface (upcast from the bare value)</caption>
 *   <tr><th>Component type</th><th>Was</th><th>Read as</th></tr>
 *   <tr><td>{@code FilePath} ({@code DeviceFile.path}, {@code DeviceProcess.imagePath})</td>
 *       <td>{@code WindowsPath}, written as its text</td><td>a {@code WindowsPath}</td></tr>
 * </table>
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
final class StoredDefaults {

  private StoredDefaults() {}

  /**
   * {@return {@code stored}, at version 1, as version 1 is written now}: the members of a value
   * whose meaning changed, rewritten (see the class comment); {@code stored} itself when nothing
   * changed
   *
   * @param type the record type the members describe
   * @param stored the stored members, as parsed
   */
  static Map<?, ?> upcast(Class<?> type, Map<?, ?> stored) {
    if (type == Evidence.class && "COMPROMISED".equals(stored.get("verdict"))) {
      Map<Object, @Nullable Object> out = new LinkedHashMap<>(stored);
      out.put("verdict", Verdict.MALICIOUS.name());
      List<@Nullable Object> roles = new ArrayList<>();
      if (stored.get("roles") instanceof List<?> given) {
        roles.addAll(given);
      }
      if (!roles.contains(EvidenceRole.COMPROMISED.name())) {
        roles.add(EvidenceRole.COMPROMISED.name());
      }
      out.put("roles", roles);
      return out;
    }
    return stored;
  }

  /**
   * {@return the type an earlier release wrote bare (untagged) where {@code declared}, a sealed
   * interface now, stands}, or null if it never did
   *
   * @param declared the component's declared type
   */
  static @Nullable Class<?> bareType(Class<?> declared) {
    return declared == FilePath.class ? WindowsPath.class : null;
  }

  /**
   * {@return whether the member stored as {@code component} of {@code type} has a value for its
   * absence}
   */
  static boolean covers(Class<?> type, String component) {
    if (type == Investigation.class) {
      return component.equals("threatsWithoutAction");
    }
    if (type == Evidence.class) {
      return component.equals("roles");
    }
    if (type == ActionRecord.class) {
      return switch (component) {
        case "undoAttempts", "requestComment", "steps", "source" -> true;
        default -> false;
      };
    }
    return type == InvestigationEvent.ActionProposed.class
        && (component.equals("comment") || component.equals("source"));
  }

  /**
   * {@return the value of {@code component}, absent from {@code stored}}
   *
   * @param type a type {@link #covers} answers true for
   * @param component the member's stored name
   * @param stored the stored members, as parsed
   * @param read the members read from them, by stored name
   * @throws IllegalArgumentException if the stored members cannot give the value
   */
  static @Nullable Object of(
      Class<?> type, String component, Map<?, ?> stored, Map<String, @Nullable Object> read) {
    return switch (component) {
      case "undoAttempts" -> 0;
      case "roles" -> Set.of();
      case "requestComment", "comment" -> "";
      case "steps" -> steps(stored, read);
      case "threatsWithoutAction" ->
          threatsWithoutAction(read.get("evidence"), read.get("actions"));
      case "source" ->
          source(
              read.get(type == ActionRecord.class ? "requestedBy" : "actor"), read.get("action"));
      default ->
          throw new IllegalArgumentException(
              "no stored default for " + type.getSimpleName() + "." + component);
    };
  }

  /**
   * {@return the threats an investigation stored before they were kept was left without an action}:
   * each piece of its evidence whose verdict or role is a threat and whose entity no action targets
   * ({@link dev.parry.core.entity.Entity#sameAs}), in the order recorded; empty when the record
   * lacks its evidence or actions, for its constructor to judge
   */
  private static List<Evidence> threatsWithoutAction(
      @Nullable Object evidence, @Nullable Object actions) {
    if (!(evidence instanceof List<?> pieces) || !(actions instanceof List<?> records)) {
      return List.of();
    }
    List<Evidence> threats = new ArrayList<>();
    for (Object piece : pieces) {
      if (piece instanceof Evidence seen
          && seen.isThreat()
          && records.stream()
              .noneMatch(
                  record ->
                      record instanceof ActionRecord action
                          && action.action().target().sameAs(seen.entity()))) {
        threats.add(seen);
      }
    }
    return threats;
  }

  /**
   * {@return the source an action stored before sources were typed had: automated or manual by its
   * requester, email or device by its family}; null when the record lacks them, for its constructor
   * to refuse
   */
  private static @Nullable ActionSource source(
      @Nullable Object requester, @Nullable Object action) {
    return requester instanceof Actor actor && action instanceof RemediationAction remediation
        ? ActionSource.of(actor, remediation.family())
        : null;
  }

  /**
   * The steps of an action stored before they were kept, from what its record still tells. It kept
   * the approvers' names ({@code approvers}) and its last change (status, {@code updatedBy}, {@code
   * updatedAt}, {@code note}):
   *
   * <ul>
   *   <li>each approver is an approval at the time of the last change, the latest it can have been,
   *       with no comment; but while the action is still pending or approved, its last change was
   *       the last approval, which then reads exactly, comment included;
   *   <li>a rejected or cancelled action, and one whose undo is in progress, got there by its last
   *       change, which reads exactly as the rejection, cancellation or undo request;
   *   <li>the requester of an undo that has finished, and time box extensions, were not kept: the
   *       investigation's events still hold them.
   * </ul>
   */
  private static List<ActionStep> steps(Map<?, ?> stored, Map<String, @Nullable Object> read) {
    Object names = stored.get("approvers");
    if (!(read.get("status") instanceof ActionStatus status)
        || !(read.get("updatedBy") instanceof Actor updatedBy)
        || !(read.get("updatedAt") instanceof Instant updatedAt)
        || !(read.get("note") instanceof String note)) {
      return List
          .of(); // a record without its last change is refused by its constructor, which names what
      // is missing
    }
    List<ActionStep> steps = new ArrayList<>();
    if (names instanceof List<?> approvers) {
      boolean lastWasApproval =
          status == ActionStatus.PENDING_APPROVAL || status == ActionStatus.APPROVED;
      for (int i = 0; i < approvers.size(); i++) {
        if (!(approvers.get(i) instanceof String name)) {
          throw new IllegalArgumentException("$.approvers[" + i + "]: expected a principal name");
        }
        Actor approver = Actor.principal(PrincipalName.of(name));
        boolean exact = lastWasApproval && i == approvers.size() - 1 && approver.equals(updatedBy);
        steps.add(new ActionStep(ActionStep.Kind.APPROVED, approver, updatedAt, exact ? note : ""));
      }
    }
    ActionStep.Kind last =
        switch (status) {
          case REJECTED -> ActionStep.Kind.REJECTED;
          case CANCELLED -> ActionStep.Kind.CANCELLED;
          case UNDO_IN_PROGRESS -> ActionStep.Kind.UNDO_REQUESTED;
          default -> null;
        };
    if (last != null) {
      steps.add(new ActionStep(last, updatedBy, updatedAt, note));
    }
    return steps;
  }
}
