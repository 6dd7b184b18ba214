package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Lift the containment of a user account: the undo of {@link ContainUser}.
 *
 * <p>Kind {@link ActionKind#RELEASE_USER_CONTAINMENT}; known to Defender's action API as "release
 * contained user".
 *
 * @param user the user account to release from containment
 */
public record ReleaseUserContainment(UserAccount user) implements IdentityAction {

  /**
   * Validates the action.
   *
   * @param user the user account to release from containment
   * @throws InvalidInputException if a component is null
   */
  public ReleaseUserContainment {
    Checks.notNull(user, "user");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RELEASE_USER_CONTAINMENT;
  }

  @Override
  public UserAccount target() {
    return user;
  }
}
