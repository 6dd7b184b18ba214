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
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request to an executor: carry out {@link #action()} once, before {@link #deadline()}.
 *
 * <p>The runtime makes requests; an executor reads them. A test or a wrapping executor makes one
 * with {@link #builder()} or changes one with {@link #toBuilder()}: the class may gain settings in
 * a minor release, each with a default, so code written against the builder keeps compiling.
 *
 * <pre>{@code
 * ExecutionRequest request = ExecutionRequest.builder()
 *     .action(new IsolateDevice(device, IsolationType.FULL))
 *     .actionId(ActionId.of("inv-1/1"))
 *     .idempotencyKey(IdempotencyKey.of("inv-1/1:execute"))
 *     .deadline(clock.instant().plus(Duration.ofMinutes(2)))
 *     .build();
 * }</pre>
 */
public final class ExecutionRequest {

  /** The longest comment, in characters: {@value}. */
  public static final int MAX_COMMENT_LENGTH = 2000;

  private final RemediationAction action;
  private final ExecutionPurpose purpose;
  private final IdempotencyKey idempotencyKey;
  private final int attempt;
  private final Instant deadline;
  private final Actor requestedBy;
  private final String comment;
  private final ActionId actionId;
  private final DeviceExclusions exclusions;

  private ExecutionRequest(Builder builder) {
    this.action = required(builder.action, "action");
    this.purpose = builder.purpose;
    this.idempotencyKey = required(builder.idempotencyKey, "idempotencyKey");
    this.attempt = builder.attempt;
    this.deadline = required(builder.deadline, "deadline");
    this.requestedBy = builder.requestedBy;
    this.comment = builder.comment;
    this.actionId = required(builder.actionId, "actionId");
    this.exclusions = builder.exclusions;
  }

  private static <T> T required(@Nullable T value, String name) {
    if (value == null) {
      throw new InvalidInputException(
          name,
          null,
          name
              + " is not set: an execution request needs an action, an action id,"
              + " an idempotency key and a deadline");
    }
    return value;
  }

  /**
   * {@return a builder with no action, action id, idempotency key or deadline (all four must be
   * set)}, purpose {@link ExecutionPurpose#EXECUTE}, attempt 1, requested by {@link
   * Actor#system()}, an empty comment and no exclusions
   *
   * <pre>{@code
   * ExecutionRequest request = ExecutionRequest.builder().action(action).actionId(id)
   *     .idempotencyKey(IdempotencyKey.of(id + ":execute")).deadline(deadline).build();
   * }</pre>
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a builder holding this request's settings}, to make a request that differs in some
   *
   * <pre>
   * {@code ExecutionRequest retry = request.toBuilder().attempt(request.attempt() + 1).build();}
   * </pre>
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.action = action;
    builder.purpose = purpose;
    builder.idempotencyKey = idempotencyKey;
    builder.attempt = attempt;
    builder.deadline = deadline;
    builder.requestedBy = requestedBy;
    builder.comment = comment;
    builder.actionId = actionId;
    builder.exclusions = exclusions;
    return builder;
  }

  /** {@return the action, with its typed target (for an undo, the inverse action)} */
  public RemediationAction action() {
    return action;
  }

  /** {@return whether this executes the action or undoes it} */
  public ExecutionPurpose purpose() {
    return purpose;
  }

  /** {@return the idempotency key: the same for every attempt and after restarts} */
  public IdempotencyKey idempotencyKey() {
    return idempotencyKey;
  }

  /** {@return 1 for the first attempt, more for retries} */
  public int attempt() {
    return attempt;
  }

  /** {@return when the runtime stops waiting for this attempt} */
  public Instant deadline() {
    return deadline;
  }

  /** {@return who asked for the action} */
  public Actor requestedBy() {
    return requestedBy;
  }

  /** {@return the comment the action was requested or approved with, possibly empty} */
  public String comment() {
    return comment;
  }

  /** {@return the investigation the action belongs to: the investigation of {@link #actionId()}} */
  public InvestigationId investigationId() {
    return actionId.investigation();
  }

  /** {@return the action's id} */
  public ActionId actionId() {
    return actionId;
  }

  /**
   * {@return the protected devices the action must leave untouched}: set for an action whose target
   * is not one device (a file known by its hash alone), {@link DeviceExclusions#none()} otherwise.
   * An executor that {@linkplain DeviceActionExecutor#honoursExclusions() honours exclusions} keeps
   * them (rule EXE-12); one that does not never receives an automatic action they would matter to.
   */
  public DeviceExclusions exclusions() {
    return exclusions;
  }

  /**
   * {@return this request with {@code exclusions} instead of its own}
   *
   * @param exclusions the devices to leave untouched
   * @throws InvalidInputException if {@code exclusions} is null
   */
  public ExecutionRequest withExclusions(DeviceExclusions exclusions) {
    return toBuilder().exclusions(exclusions).build();
  }

  /**
   * {@return the file the action acts on, with every hash the evidence carried (SHA-256, SHA-1,
   * MD5), or empty if it acts on no file}; the hash the kind's backend needs is {@code
   * action().kind().requiredHash()}, and the runtime sends no action whose file lacks it
   *
   * <pre>{@code
   * Sha1 sha1 = request.file().map(DeviceFile::sha1).orElseThrow();   // for StopAndQuarantineFile
   * }</pre>
   */
  public Optional<DeviceFile> file() {
    return action.target() instanceof DeviceFile target ? Optional.of(target) : Optional.empty();
  }

  /** {@return whether {@code other} is a request with equal settings} */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ExecutionRequest that
        && action.equals(that.action)
        && purpose == that.purpose
        && idempotencyKey.equals(that.idempotencyKey)
        && attempt == that.attempt
        && deadline.equals(that.deadline)
        && requestedBy.equals(that.requestedBy)
        && comment.equals(that.comment)
        && actionId.equals(that.actionId)
        && exclusions.equals(that.exclusions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        action,
        purpose,
        idempotencyKey,
        attempt,
        deadline,
        requestedBy,
        comment,
        actionId,
        exclusions);
  }

  /**
   * {@return the kind, purpose, key, attempt, deadline, action id and any exclusions}: no target,
   * no comment
   */
  @Override
  public String toString() {
    return "ExecutionRequest{kind="
        + action.kind()
        + ", purpose="
        + purpose
        + ", key="
        + idempotencyKey
        + ", attempt="
        + attempt
        + ", deadline="
        + deadline
        + ", action="
        + actionId
        + (exclusions.isEmpty() ? "" : ", exclusions=" + exclusions)
        + "}";
  }

  /**
   * Makes an {@link ExecutionRequest}. Setters check their argument at once; {@link #build()}
   * checks that the four settings without a default are set. A builder is not thread-safe.
   */
  public static final class Builder {
    private @Nullable RemediationAction action;
    private ExecutionPurpose purpose = ExecutionPurpose.EXECUTE;
    private @Nullable IdempotencyKey idempotencyKey;
    private int attempt = 1;
    private @Nullable Instant deadline;
    private Actor requestedBy = Actor.system();
    private String comment = "";
    private @Nullable ActionId actionId;
    private DeviceExclusions exclusions = DeviceExclusions.none();

    private Builder() {}

    /**
     * Sets the action to carry out, with its typed target; for an undo, the inverse action.
     * Required: there is no default.
     *
     * @param value the action
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder action(RemediationAction value) {
      this.action = Checks.notNull(value, "action");
      return this;
    }

    /**
     * Sets whether the request executes the action or undoes it (default {@link
     * ExecutionPurpose#EXECUTE}).
     *
     * @param value the purpose
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder purpose(ExecutionPurpose value) {
      this.purpose = Checks.notNull(value, "purpose");
      return this;
    }

    /**
     * Sets the key that is the same for every attempt of one execution or undo, and after restarts:
     * an executor applies the effect of one key once. Required: there is no default.
     *
     * @param value the key
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder idempotencyKey(IdempotencyKey value) {
      this.idempotencyKey = Checks.notNull(value, "idempotencyKey");
      return this;
    }

    /**
     * Sets which attempt this is: 1 for the first (the default), more for retries.
     *
     * @param value 1 or more
     * @return this builder
     * @throws InvalidInputException if {@code value} is less than 1
     */
    public Builder attempt(int value) {
      if (value < 1) {
        throw new InvalidInputException(
            "attempt", value, "attempt must be 1 or more, was: " + value);
      }
      this.attempt = value;
      return this;
    }

    /**
     * Sets when the runtime stops waiting for this attempt; an executor answers before it, or
     * answers "in progress". Required: there is no default. Any instant is accepted, one already
     * past included.
     *
     * @param value the deadline
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder deadline(Instant value) {
      this.deadline = Checks.notNull(value, "deadline");
      return this;
    }

    /**
     * Sets who asked for the action (default {@link Actor#system()}, the policy).
     *
     * @param value the requester
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder requestedBy(Actor value) {
      this.requestedBy = Checks.notNull(value, "requestedBy");
      return this;
    }

    /**
     * Sets the comment the action was requested or approved with (default: empty).
     *
     * @param value 0-{@value ExecutionRequest#MAX_COMMENT_LENGTH} characters without control
     *     characters
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     * @throws InvalidInputException if it is too long or holds a control character
     */
    public Builder comment(String value) {
      this.comment = Text.require("comment", value, 0, MAX_COMMENT_LENGTH);
      return this;
    }

    /**
     * Sets the action's id; the request's {@linkplain ExecutionRequest#investigationId()
     * investigation} is the id's. Required: there is no default.
     *
     * @param value the action id
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder actionId(ActionId value) {
      this.actionId = Checks.notNull(value, "actionId");
      return this;
    }

    /**
     * Sets the protected devices the action must leave untouched (default {@link
     * DeviceExclusions#none()}).
     *
     * @param value the exclusions
     * @return this builder
     * @throws InvalidInputException if {@code value} is null
     */
    public Builder exclusions(DeviceExclusions value) {
      this.exclusions = Checks.notNull(value, "exclusions");
      return this;
    }

    /**
     * {@return the request}
     *
     * @throws InvalidInputException if the action, the action id, the idempotency key or the
     *     deadline is not set
     */
    public ExecutionRequest build() {
      return new ExecutionRequest(this);
    }
  }
}
