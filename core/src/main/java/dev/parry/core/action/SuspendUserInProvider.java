package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Suspend or deactivate the user in another identity provider. Parry does not undo it: reactivation
 * is the provider's own procedure.
 *
 * <p>Kind {@link ActionKind#SUSPEND_USER_IN_PROVIDER}; known to Defender's action API as "suspend
 * user in identity provider".
 *
 * @param user the user account to suspend or deactivate in {@code provider}
 * @param provider the identity provider, other than the main directory, as its executor knows it
 */
public record SuspendUserInProvider(UserAccount user, IdentityProviderName provider)
    implements IdentityAction {

  /**
   * Validates the action.
   *
   * @param user the user account to suspend or deactivate in {@code provider}
   * @param provider the identity provider, other than the main directory, as its executor knows it
   * @throws InvalidInputException if a component is null
   */
  public SuspendUserInProvider {
    Checks.notNull(user, "user");
    Checks.notNull(provider, "provider");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.SUSPEND_USER_IN_PROVIDER;
  }

  @Override
  public UserAccount target() {
    return user;
  }
}
