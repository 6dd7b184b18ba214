package dev.parry.spi.auth;

import dev.parry.core.action.ActionKind;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.error.PermissionDeniedException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a caller may not perform an operation. Nothing was changed; the denial was audited.
 * Its category is {@link dev.parry.core.error.ParryException.Category#ACCESS_DENIED} (HTTP 403).
 */
public final class AccessDeniedException extends PermissionDeniedException {

  private static final long serialVersionUID = 1L;

  private final transient PrincipalName principal;

  /** What the principal asked to do. */
  private final Operation operation;

  /** The action kind concerned, or null when the operation concerns no one kind. */
  private final @Nullable ActionKind kind;

  /**
   * Creates the exception.
   *
   * @param principal who was denied
   * @param operation what they asked to do
   * @param kind the action kind concerned, or null
   * @param reason why, for the message
   */
  public AccessDeniedException(
      PrincipalName principal, Operation operation, @Nullable ActionKind kind, String reason) {
    super(
        "principal '"
            + principal
            + "' may not "
            + operation
            + (kind == null ? "" : " " + kind)
            + ": "
            + reason);
    this.principal = principal;
    this.operation = operation;
    this.kind = kind;
  }

  /** {@return who was denied} */
  public PrincipalName principal() {
    return principal;
  }

  /** {@return what they asked to do} */
  public Operation operation() {
    return operation;
  }

  /** {@return the action kind concerned, if any} */
  public Optional<ActionKind> kind() {
    return Optional.ofNullable(kind);
  }
}
