package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Disable a user account so it cannot sign in.
 *
 * <p>Kind {@link ActionKind#DISABLE_USER}; known to Defender's action API as "disable user".
 *
 * @param user the user account to disable
 */
public record DisableUser(UserAccount user) implements IdentityAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param user the user account to disable
   * @throws InvalidInputException if a component is null
   */
  public DisableUser {
    Checks.notNull(user, "user");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.DISABLE_USER;
  }

  @Override
  public UserAccount target() {
    return user;
  }

  /** {@return the action that undoes this one: {@link EnableUser} on the same target} */
  @Override
  public RemediationAction inverse() {
    return new EnableUser(user);
  }
}
