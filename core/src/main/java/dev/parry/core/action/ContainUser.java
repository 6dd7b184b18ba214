package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Contain a user account: block its lateral movement while the attack is disrupted.
 *
 * <p>Kind {@link ActionKind#CONTAIN_USER}; known to Defender's action API as "contain user".
 *
 * @param user the user account to contain
 */
public record ContainUser(UserAccount user) implements IdentityAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param user the user account to contain
   * @throws InvalidInputException if a component is null
   */
  public ContainUser {
    Checks.notNull(user, "user");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.CONTAIN_USER;
  }

  @Override
  public UserAccount target() {
    return user;
  }

  /**
   * {@return the action that undoes this one: {@link ReleaseUserContainment} on the same target}
   */
  @Override
  public RemediationAction inverse() {
    return new ReleaseUserContainment(user);
  }
}
