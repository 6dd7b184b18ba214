package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Require the user to sign in again, revoking every session and refresh token. Cannot be undone.
 *
 * <p>Kind {@link ActionKind#REVOKE_SESSIONS}; known to Defender's action API as "require sign-in
 * again".
 *
 * @param user the user account whose sessions are revoked
 */
public record RevokeSessions(UserAccount user) implements IdentityAction {

  /**
   * Validates the action.
   *
   * @param user the user account whose sessions are revoked
   * @throws InvalidInputException if a component is null
   */
  public RevokeSessions {
    Checks.notNull(user, "user");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.REVOKE_SESSIONS;
  }

  @Override
  public UserAccount target() {
    return user;
  }
}
