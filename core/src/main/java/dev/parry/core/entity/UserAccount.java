package dev.parry.core.entity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user account in a directory, the target of identity actions (disable, reset password, revoke
 * sessions, contain).
 *
 * @param upn the user principal name
 * @param objectId the directory object id, or null if unknown
 */
public record UserAccount(UserPrincipalName upn, @Nullable ObjectId objectId) implements IdentityEntity {

  /**
   * Validates the account.
   *
   * @throws NullPointerException if {@code upn} is null
   */
  public UserAccount {
    Objects.requireNonNull(upn, "upn");
  }

  /**
   * {@return the account with this principal name}
   *
   * <pre>{@code UserAccount alice = UserAccount.of(UserPrincipalName.of("alice@contoso.com"));}</pre>
   *
   * @param upn the user principal name
   */
  public static UserAccount of(UserPrincipalName upn) {
    return new UserAccount(upn, null);
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("user:" + upn.value());
  }
}
