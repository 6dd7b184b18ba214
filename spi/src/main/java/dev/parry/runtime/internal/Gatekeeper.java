package dev.parry.runtime.internal;

import dev.parry.core.action.ActionKind;
import dev.parry.core.internal.Checks;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.Authorizer;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Operation;
import dev.parry.spi.internal.LogSafe;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorizes what a person does: asks the authorizer, and on a denial logs it, tells the listeners
 * and throws, before anything changed.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class Gatekeeper {

  private static final Logger LOG = LoggerFactory.getLogger(Gatekeeper.class);

  private final Authorizer authorizer;
  private final EventRouter router;

  /**
   * Creates the gatekeeper.
   *
   * @param authorizer who decides
   * @param router where denials are reported
   */
  public Gatekeeper(Authorizer authorizer, EventRouter router) {
    this.authorizer = authorizer;
    this.router = router;
  }

  /**
   * Lets {@code caller} do {@code operation} on actions of {@code kind}, or throws.
   *
   * @param caller who asks
   * @param operation what they do
   * @param kind the kind of action it is about, or null for an operation on no one kind
   * @throws AccessDeniedException if the authorizer denies it
   */
  public void authorize(Caller caller, Operation operation, @Nullable ActionKind kind) {
    Checks.notNull(caller, "caller");
    Optional<String> denial = authorizer.deny(caller, operation, kind);
    if (denial.isPresent()) {
      deny(caller, operation, kind, denial.get());
    }
  }

  /**
   * Lets {@code caller} do {@code operation} on an action of {@code kind} it named by id, or
   * throws: a caller denied the operation on every kind gets the denial {@link #authorizeSomeKind}
   * gives for an action that is not stored, which names no kind, so that it cannot tell the two
   * apart; any other caller gets the denial for the kind.
   *
   * @param caller who asks
   * @param operation what they do
   * @param kind the kind of the action named
   * @throws AccessDeniedException if the authorizer denies it
   */
  public void authorizeNamed(Caller caller, Operation operation, ActionKind kind) {
    Checks.notNull(caller, "caller");
    Optional<String> denial = authorizer.deny(caller, operation, kind);
    if (denial.isEmpty()) {
      return;
    }
    authorizeSomeKind(caller, operation);
    deny(caller, operation, kind, denial.get());
  }

  /**
   * Lets {@code caller} learn that an action it named is not stored only if it may do {@code
   * operation} on some kind of action, or throws a denial that names no kind. The authorizer is
   * asked about one kind after another until it allows one.
   *
   * @param caller who asks
   * @param operation what they do
   * @throws AccessDeniedException if the authorizer denies the operation on every kind
   */
  public void authorizeSomeKind(Caller caller, Operation operation) {
    Checks.notNull(caller, "caller");
    for (ActionKind kind : ActionKind.values()) {
      if (authorizer.deny(caller, operation, kind).isEmpty()) {
        return;
      }
    }
    deny(caller, operation, null, "allowed on no kind of action");
  }

  private void deny(Caller caller, Operation operation, @Nullable ActionKind kind, String reason) {
    AccessDeniedException denied =
        new AccessDeniedException(caller.name(), operation, kind, reason);
    LOG.atWarn()
        .addKeyValue("principal", LogSafe.of(caller.name()))
        .addKeyValue("operation", operation)
        .addKeyValue("kind", kind)
        .log("access denied");
    router.denied(denied);
    throw denied;
  }
}
