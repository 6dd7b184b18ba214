package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Enable a disabled account: the undo of {@link DisableUser}.
 *
 * <p>Kind {@link ActionKind#ENABLE_USER}; known to Defender's action API as "enable user".
 *
 * @param user the disabled user account to enable again
 */
public record EnableUser(UserAccount user) implements IdentityAction {

  /**
   * Validates the action.
   *
   * @param user the disabled user account to enable again
   * @throws InvalidInputException if a component is null
   */
  public EnableUser {
    Checks.notNull(user, "user");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.ENABLE_USER;
  }

  @Override
  public UserAccount target() {
    return user;
  }
}
