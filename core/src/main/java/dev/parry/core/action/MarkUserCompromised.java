package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import java.util.Objects;

/**
 * Confirm the user as compromised, setting their risk to high.
 *
 * <p>Kind {@link ActionKind#MARK_USER_COMPROMISED}; known to Defender's action API as "confirm user compromised".
 *
 * @param user the user account to mark compromised
 */
public record MarkUserCompromised(UserAccount user) implements IdentityAction {

  /**
   * Validates the action.
   *
   * @param user the user account to mark compromised
   * @throws NullPointerException if a component is null
   */
  public MarkUserCompromised {
    Objects.requireNonNull(user, "user");
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
