package dev.parry.core.action;

import dev.parry.core.entity.UserAccount;
import java.util.Objects;

/**
 * Suspend or deactivate the user in another identity provider. Parry does not undo it: reactivation is the provider's own procedure.
 *
 * <p>Kind {@link ActionKind#SUSPEND_USER_IN_PROVIDER}; known to Defender's action API as "suspend user in identity provider".
 *
 * @param user the user account to suspend or deactivate in {@code provider}
 * @param provider the identity provider, other than the main directory, as its executor knows it
 */
public record SuspendUserInProvider(UserAccount user, IdentityProviderName provider) implements IdentityAction {

  /**
   * Validates the action.
   *
   * @param user the user account to suspend or deactivate in {@code provider}
   * @param provider the identity provider, other than the main directory, as its executor knows it
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
