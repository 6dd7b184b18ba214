package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import java.util.Objects;

/**
 * Lift the containment of a user account: the undo of {@link ContainUser}.
 *
 * <p>Kind {@link ActionKind#RELEASE_USER_CONTAINMENT}; known to Defender's action API as "release contained user".
 *
 * @param user the user account to release from containment
 */
public record ReleaseUserContainment(UserAccount user) implements IdentityAction {

  /**
   * Validates the action.
   *
   * @param user the user account to release from containment
   * @throws NullPointerException if a component is null
   */
  public ReleaseUserContainment {
    Objects.requireNonNull(user, "user");
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
