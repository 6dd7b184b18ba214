package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Confirm the user as compromised, setting their risk to high.
 *
 * <p>Kind {@link ActionKind#MARK_USER_COMPROMISED}; known to Defender's action API as "confirm user
 * compromised".
 *
 * @param user the user account to mark compromised
 */
public record MarkUserCompromised(UserAccount user) implements IdentityAction {

  /**
   * Validates the action.
   *
   * @param user the user account to mark compromised
   * @throws InvalidInputException if a component is null
   */
  public MarkUserCompromised {
    Checks.notNull(user, "user");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.MARK_USER_COMPROMISED;
  }

  @Override
  public UserAccount target() {
    return user;
  }
}
