package dev.parry.spi.auth;

import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.Set;

/**
 * An authenticated principal and its permissions, as the embedding service vouches for them. Parry
 * does not authenticate: it authorizes what the service says a caller is. The system actor cannot
 * be a caller ({@link PrincipalName} refuses the reserved name).
 *
 * <pre>{@code
 * Caller alice = Caller.of("alice@contoso.com", Permission.SECURITY_ADMINISTRATOR);
 * }</pre>
 *
 * @param name the principal's name, as the embedding service authenticated it; never the reserved
 *     system name
 * @param permissions what it may do (copied; empty for a caller who may do nothing)
 */
public record Caller(PrincipalName name, Set<Permission> permissions) {

  /**
   * Validates and copies.
   *
   * @param name the principal's name, as the embedding service authenticated it; never the reserved
   *     system name
   * @param permissions what it may do (copied; empty for a caller who may do nothing)
   * @throws InvalidInputException if a component or a permission is null
   */
  public Caller {
    Checks.notNull(name, "name");
    permissions = Checks.setOf(permissions, "permissions");
  }

  /**
   * {@return a caller}
   *
   * @param name the principal's name
   * @param permissions its permissions
   * @throws InvalidInputException if the name is not a valid principal name
   */
  public static Caller of(String name, Permission... permissions) {
    return new Caller(PrincipalName.of(name), Set.of(Checks.notNull(permissions, "permissions")));
  }

  /**
   * {@return whether the caller holds {@code permission}}
   *
   * @param permission the permission
   * @throws dev.parry.core.error.InvalidInputException if {@code permission} is null
   */
  public boolean has(Permission permission) {
    return permissions.contains(Checks.notNull(permission, "permission"));
  }

  /** {@return the actor this caller acts as} */
  public Actor actor() {
    return Actor.principal(name);
  }
}
