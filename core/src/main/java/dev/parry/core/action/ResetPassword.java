package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Reset a user's password, forcing a change at next sign-in. Cannot be undone.
 *
 * <p>Kind {@link ActionKind#RESET_PASSWORD}; known to Defender's action API as "reset user
 * password".
 *
 * @param user the user account whose password is reset
 */
public record ResetPassword(UserAccount user) implements IdentityAction {

  /**
   * Validates the action.
   *
   * @param user the user account whose password is reset
   * @throws InvalidInputException if a component is null
   */
  public ResetPassword {
    Checks.notNull(user, "user");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RESET_PASSWORD;
  }

  @Override
  public UserAccount target() {
    return user;
  }
}
