package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import java.util.Objects;

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
   * @throws NullPointerException if a component is null
   */
  public SuspendUserInProvider {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(provider, "provider");
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
