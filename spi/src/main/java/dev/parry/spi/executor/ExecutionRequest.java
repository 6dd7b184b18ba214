package dev.parry.spi.executor;


import dev.parry.core.action.RemediationAction;
import dev.parry.core.actor.Actor;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.InvestigationId;
import java.time.Instant;
import java.util.Optional;

/**
 * One request to an executor: carry out {@link #action()} once, before {@link #deadline()}.
 *
 * @param action the action, with its typed target (for an undo, the inverse action)
 * @param purpose whether this executes the action or undoes it
 * @param idempotencyKey the same for every attempt and after restarts
 * @param attempt 1 for the first attempt, more for retries
 * @param deadline when the runtime stops waiting for this attempt
 * @param requestedBy who asked for the action
 * @param comment the comment it was requested or approved with, possibly empty
 * @param investigationId the investigation the action belongs to
 * @param actionId the action's id
 * @param exclusions the protected devices the action must leave untouched: set for an action whose
 *     target is not one device (a file known by its hash alone), {@link DeviceExclusions#none()} otherwise.
 *     An executor that {@linkplain DeviceActionExecutor#honoursExclusions() honours exclusions} keeps them
 *     (rule EXE-12); one that does not never receives an automatic action they would matter to.
 */
public record ExecutionRequest(RemediationAction action, ExecutionPurpose purpose, IdempotencyKey idempotencyKey,
    int attempt, Instant deadline, Actor requestedBy, String comment, InvestigationId investigationId,
    ActionId actionId, DeviceExclusions exclusions) {

  /**
   * Validates the request.
   *
   * @throws InvalidInputException if a component is null
   * @throws InvalidInputException if {@code attempt} is less than 1, the comment is too long or holds a
   *     control character, or the action id is not in the investigation
   */
  public ExecutionRequest {
    Checks.notNull(action, "action");
    Checks.notNull(purpose, "purpose");
    Checks.notNull(idempotencyKey, "idempotencyKey");
    Checks.notNull(deadline, "deadline");
    Checks.notNull(requestedBy, "requestedBy");
    Text.require("comment", comment, 0, 2000);
    Checks.notNull(investigationId, "investigationId");
    Checks.notNull(actionId, "actionId");
    Checks.notNull(exclusions, "exclusions");
    if (attempt < 1) {
      throw new InvalidInputException("attempt", attempt, "attempt must be 1 or more, was: " + attempt);
    }
    if (!actionId.investigation().equals(investigationId)) {
      throw new InvalidInputException("actionId", null,
          "action " + actionId + " is not in investigation " + investigationId);
    }
  }

  /**
   * Creates a request that excludes no device ({@link DeviceExclusions#none()}).
   *
   * <pre>{@code
   * ExecutionRequest request = new ExecutionRequest(action, ExecutionPurpose.EXECUTE, IdempotencyKey.of("inv-1/1:execute"),
   *     1, deadline, Actor.system(), "", investigationId, actionId);
   * }</pre>
   *
   * @param action the action
   * @param purpose execute or undo
   * @param idempotencyKey the idempotency key
   * @param attempt 1 for the first attempt
   * @param deadline when the runtime stops waiting
   * @param requestedBy who asked for the action
   * @param comment the comment, possibly empty
   * @param investigationId the investigation
   * @param actionId the action's id
   * @throws InvalidInputException if an argument is null
   * @throws InvalidInputException as the canonical constructor
   */
  public ExecutionRequest(RemediationAction action, ExecutionPurpose purpose, IdempotencyKey idempotencyKey,
      int attempt, Instant deadline, Actor requestedBy, String comment, InvestigationId investigationId,
      ActionId actionId) {
    this(action, purpose, idempotencyKey, attempt, deadline, requestedBy, comment, investigationId, actionId,
        DeviceExclusions.none());
  }

  /**
   * {@return this request with {@code exclusions} instead of its own}
   *
   * @param exclusions the devices to leave untouched
   * @throws InvalidInputException if {@code exclusions} is null
   */
  public ExecutionRequest withExclusions(DeviceExclusions exclusions) {
    return new ExecutionRequest(action, purpose, idempotencyKey, attempt, deadline, requestedBy, comment,
        investigationId, actionId, exclusions);
  }

  /**
   * {@return the file the action acts on, with every hash the evidence carried (SHA-256, SHA-1, MD5),
   * or empty if it acts on no file}; the hash the kind's backend needs is {@code
   * action().kind().requiredHash()}, and the runtime sends no action whose file lacks it
   *
   * <pre>{@code
   * Sha1 sha1 = request.file().map(DeviceFile::sha1).orElseThrow();   // for StopAndQuarantineFile
   * }</pre>
   */
  public Optional<DeviceFile> file() {
    return action.target() instanceof DeviceFile target ? Optional.of(target) : Optional.empty();
  }

  @Override
  public String toString() {
    return "ExecutionRequest{kind=" + action.kind() + ", purpose=" + purpose + ", key=" + idempotencyKey + ", attempt="
        + attempt + ", deadline=" + deadline + ", action=" + actionId
        + (exclusions.isEmpty() ? "" : ", exclusions=" + exclusions) + "}";
  }
}
