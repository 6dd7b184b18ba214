package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ContainUser;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.testkit.ParryHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * README "Device entities as Defender reports them" and "Undo": one user named two ways (object id
 * and UPN, then the UPN alone) is one user across investigations too. Undoing the containment one
 * investigation holds does not lift the one another holds on the same user, and a manual action on
 * it answers the action already open, whichever name each one used.
 */
@DisplayName("One thing under two names is one thing across investigations")
class SameEntityAcrossInvestigationsTest {

  static final UserAccount FULL =
      UserAccount.of(ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7"))
          .withUpn(UserPrincipalName.of("alice@contoso.com"));
  static final UserAccount BY_UPN = UserAccount.of(UserPrincipalName.of("alice@contoso.com"));

  @Test
  @DisplayName(
      "undoing a containment named by UPN keeps the effect the containment named by object id holds")
  void undoKeepsTheOtherHolder() {
    try (ParryHarness parry = ParryHarness.create()) {
      ActionRecord byId =
          parry
              .runtime()
              .takeAction(new ContainUser(FULL), ParryHarness.ANALYST, "contain her", false);
      ActionRecord byUpn =
          parry
              .runtime()
              .takeAction(new ContainUser(BY_UPN), ParryHarness.ANALYST, "and again", false);
      assertEquals(
          byId.id(), byUpn.id(), "an open action on the same user answers the second request");
      parry.settle();
      assertEquals(ActionStatus.SUCCEEDED, parry.action(byId.id()).status());

      ActionRecord second =
          parry
              .runtime()
              .takeAction(
                  new ContainUser(BY_UPN),
                  ParryHarness.SECOND_ANALYST,
                  "a second investigation contains her too",
                  false);
      parry.settle();
      assertEquals(ActionStatus.SUCCEEDED, parry.action(second.id()).status());
      parry.runtime().undo(second.id(), ParryHarness.ANALYST, "this one is done");
      parry.settle();

      ActionRecord undone = parry.action(second.id());
      assertEquals(ActionStatus.UNDONE, undone.status());
      assertTrue(undone.note().contains(byId.id().toString()), undone.note());
      assertTrue(
          parry.directory().calls().stream()
              .noneMatch(call -> call.request().purpose() == ExecutionPurpose.UNDO),
          "no release was sent while the other containment holds");
    }
  }
}
