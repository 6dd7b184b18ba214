package dev.parry.spi.auth;

import dev.parry.core.action.ActionKind;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a caller may perform an operation, optionally on an action kind. Implement it to
 * map your own roles; {@link #defaults()} follows Defender's permissions.
 *
 * <pre>{@code
 * Authorizer strict = (caller, operation, kind) -> caller.has(Permission.SECURITY_ADMINISTRATOR)
 *     ? Optional.empty() : Optional.of("only security administrators act here");
 * }</pre>
 */
@FunctionalInterface
public interface Authorizer {

  /**
   * {@return why the caller is denied, or empty if allowed}
   *
   * @param caller the caller
   * @param operation what it asks to do
   * @param kind the action kind concerned, or null for operations on a whole investigation
   */
  Optional<String> deny(Caller caller, Operation operation, @Nullable ActionKind kind);

  /**
   * {@return Defender's rules}: device actions need Security Administrator or Active remediation;
   * email actions need Security Administrator and Search and Purge; identity actions need Security
   * Administrator; a Global Administrator may also approve and reject actions of every kind
   * (approving a time box extension included), and nothing else; investigation-wide operations need
   * Security Administrator or Active remediation; managing the safety guards needs Security
   * Administrator; viewing needs any permission.
   */
  static Authorizer defaults() {
    return (caller, operation, kind) -> {
      boolean admin = caller.has(Permission.SECURITY_ADMINISTRATOR);
      if (operation == Operation.VIEW) {
        return caller.permissions().isEmpty()
            ? Optional.of("viewing needs at least one permission")
            : Optional.empty();
      }
      if ((operation == Operation.APPROVE || operation == Operation.REJECT)
          && caller.has(Permission.GLOBAL_ADMINISTRATOR)) {
        return Optional.empty();
      }
      if (operation == Operation.MANAGE_SAFETY) {
        return admin
            ? Optional.empty()
            : Optional.of("safety guards are managed by Security Administrators");
      }
      if (kind == null) {
        return admin || caller.has(Permission.ACTIVE_REMEDIATION)
            ? Optional.empty()
            : Optional.of("needs Security Administrator or Active remediation");
      }
      return switch (kind.family()) {
        case DEVICE ->
            admin || caller.has(Permission.ACTIVE_REMEDIATION)
                ? Optional.empty()
                : Optional.of("device actions need Security Administrator or Active remediation");
        case EMAIL ->
            admin && caller.has(Permission.SEARCH_AND_PURGE)
                ? Optional.empty()
                : Optional.of("email actions need Security Administrator and Search and Purge");
        case IDENTITY ->
            admin ? Optional.empty() : Optional.of("identity actions need Security Administrator");
      };
    };
  }
}
