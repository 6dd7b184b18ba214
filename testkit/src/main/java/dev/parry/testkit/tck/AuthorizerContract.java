package dev.parry.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.spi.auth.Authorizer;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Operation;
import dev.parry.spi.auth.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The authorizer contract (rules AUTH-1 to AUTH-4 of {@code spi/SPEC.md}).
 *
 * <pre>{@code
 * class MyAuthorizerContractTest extends AuthorizerContract {
 *   @Override
 *   protected Authorizer createAuthorizer() {
 *     return new RoleMappingAuthorizer(roles);
 *   }
 * }
 * }</pre>
 */
public abstract class AuthorizerContract extends ContractSupport {

  private @Nullable Authorizer authorizer;

  /** Creates the contract. */
  protected AuthorizerContract() {}

  /** {@return the authorizer under test; called before every test} */
  protected abstract Authorizer createAuthorizer();

  @BeforeEach
  final void createContractAuthorizer() {
    authorizer = createAuthorizer();
  }

  final Authorizer authorizer() {
    return Objects.requireNonNull(authorizer, "createAuthorizer() must not return null");
  }

  static List<Caller> callers() {
    List<Caller> callers = new ArrayList<>();
    callers.add(Caller.of("tck-nobody@contoso.com"));
    for (Permission permission : Permission.values()) {
      callers.add(
          Caller.of(
              "tck-" + permission.name().toLowerCase(Locale.ROOT) + "@contoso.com", permission));
    }
    callers.add(Caller.of("tck-all@contoso.com", Permission.values()));
    return callers;
  }

  static List<@Nullable ActionKind> kinds() {
    List<@Nullable ActionKind> kinds = new ArrayList<>(List.of(ActionKind.values()));
    kinds.add(null);
    return kinds;
  }

  final Optional<String> ask(Caller caller, Operation operation, @Nullable ActionKind kind) {
    try {
      Optional<String> answer = authorizer().deny(caller, operation, kind);
      assertNotNull(
          answer, () -> "AUTH-1: null answer for " + caller + " " + operation + " " + kind);
      return answer;
    } catch (RuntimeException e) {
      throw new AssertionError("AUTH-1: deny threw for " + operation + " " + kind + ": " + e, e);
    }
  }

  // ---- Answers
  // -----------------------------------------------------------------------------------

  @Test
  @DisplayName("AUTH-1: deny never throws and never answers null")
  void auth1_neverThrowsOrAnswersNull() {
    rule("AUTH-1", false);
    for (Caller caller : callers()) {
      for (Operation operation : Operation.values()) {
        for (ActionKind kind : kinds()) {
          ask(caller, operation, kind);
        }
      }
    }
  }

  @Test
  @DisplayName("AUTH-3: the same question gets the same answer")
  void auth3_deterministic() {
    rule("AUTH-3", false);
    for (Caller caller : callers()) {
      for (Operation operation : Operation.values()) {
        for (ActionKind kind : kinds()) {
          assertEquals(
              ask(caller, operation, kind).isPresent(),
              ask(caller, operation, kind).isPresent(),
              () -> "AUTH-3: " + caller.name() + " " + operation + " " + kind);
        }
      }
    }
  }

  @Test
  @DisplayName("AUTH-4: a denial carries a non-blank reason")
  void auth4_denialsHaveReasons() {
    rule("AUTH-4", false);
    int denials = 0;
    for (Caller caller : callers()) {
      for (Operation operation : Operation.values()) {
        for (ActionKind kind : kinds()) {
          Optional<String> denied = ask(caller, operation, kind);
          if (denied.isPresent()) {
            assertFalse(
                denied.orElseThrow().isBlank(),
                () -> "AUTH-4: blank reason for " + caller.name() + " " + operation + " " + kind);
            denials++;
          }
        }
      }
    }
    if (denials == 0) {
      Assumptions.abort(
          "AUTH-4 cannot be checked: the authorizer denied nothing to any caller (AUTH-2 fails)");
    }
  }

  // ---- Least privilege
  // ---------------------------------------------------------------------------

  @Test
  @DisplayName("AUTH-2: a caller with no permission is denied every operation but viewing")
  void auth2_noPermissionNoAction() {
    rule("AUTH-2", false);
    Caller nobody = Caller.of("tck-nobody@contoso.com");
    for (Operation operation : Operation.values()) {
      if (operation == Operation.VIEW) {
        continue;
      }
      for (ActionKind kind : kinds()) {
        assertTrue(
            ask(nobody, operation, kind).isPresent(),
            () -> "AUTH-2: allowed " + operation + " " + kind);
      }
    }
  }
}
