package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Suspend or deactivate the user in another identity provider. Parry does not undo it: reactivation is the provider's own procedure.
 *
 * <p>Kind {@link ActionKind#SUSPEND_USER_IN_PROVIDER}; known to Defender's action API as "suspend user in identity provider".
 *
 * @param user the target
 * @param provider the other identity provider
 */
public record SuspendUserInProvider(UserAccount user, IdentityProviderName provider) implements IdentityAction {

  /**
   * Validates the action.
   *
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
