package dev.parry.testkit.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.AutomationContext;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.policy.RemediationPolicy;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.testkit.random.Randomized;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The standard policy's rules hold for random evidence and contexts")
class PolicyPropertiesTest {

  record Case(Evidence evidence, AutomationContext context) {}

  private static final Gen<Case> CASES =
      random ->
          new Case(
              DomainGenerators.evidence().next(random),
              DomainGenerators.automationContexts().next(random));

  @Test
  @DisplayName(
      "never automatic for email below FULL email automation, a whole device, suspicious verdicts, wide scope"
          + " or kinds that may not run automatically")
  void neverAutomatic() {
    Randomized.cases(20_000)
        .forAll(
            CASES,
            c -> {
              RemediationPlan plan = RemediationPolicy.standard().plan(c.evidence(), c.context());
              for (PlannedAction planned : plan.actions()) {
                if (planned.mode() == ApprovalMode.AUTOMATIC) {
                  EntityFamily family = planned.action().family();
                  assertTrue(
                      family != EntityFamily.EMAIL
                          || c.context().emailAutomation() == AutomationLevel.FULL);
                  assertTrue(
                      family != EntityFamily.IDENTITY
                          || c.context().identityAutomation() == AutomationLevel.FULL);
                  assertNotEquals(ActionKind.ISOLATE_DEVICE, planned.action().kind());
                  if (!c.evidence()
                      .isCompromise()) { // a compromise plans its compromise row, whatever the
                    // verdict
                    assertNotEquals(Verdict.SUSPICIOUS, c.evidence().verdict());
                  }
                  assertTrue(
                      c.context().devicesInScope() < AutomationContext.SCOPE_APPROVAL_THRESHOLD);
                  assertTrue(planned.action().kind().mayRunAutomatically());
                  assertTrue(
                      family != EntityFamily.DEVICE
                          || c.context().level() == AutomationLevel.FULL
                          || c.context().level() == AutomationLevel.SEMI_CORE_FOLDERS
                          || c.context().level() == AutomationLevel.SEMI_NON_TEMP_FOLDERS);
                }
                assertTrue(!planned.reason().isBlank());
              }
            });
  }

  @Test
  @DisplayName(
      "no action without a threat, none under no automated response for the entity's family, and the same"
          + " answer every time")
  void nothingWithoutThreat() {
    Randomized.cases(20_000)
        .forAll(
            CASES,
            c -> {
              RemediationPlan plan = RemediationPolicy.standard().plan(c.evidence(), c.context());
              if (!c.evidence().isThreat()
                  || c.context().levelFor(c.evidence().entity().family())
                      == AutomationLevel.NO_AUTOMATED_RESPONSE) {
                assertTrue(plan.isEmpty(), plan::toString);
              }
              assertEquals(plan, RemediationPolicy.standard().plan(c.evidence(), c.context()));
            });
  }

  @Test
  @DisplayName(
      "the irreversible preset never runs an irreversible action automatically, and otherwise agrees")
  void irreversiblePreset() {
    Randomized.cases(20_000)
        .forAll(
            CASES,
            c -> {
              RemediationPlan standard =
                  RemediationPolicy.standard().plan(c.evidence(), c.context());
              RemediationPlan strict =
                  RemediationPolicy.irreversibleRequiresApproval().plan(c.evidence(), c.context());
              assertEquals(standard.actions().size(), strict.actions().size());
              for (int i = 0; i < strict.actions().size(); i++) {
                PlannedAction held = strict.actions().get(i);
                assertEquals(standard.actions().get(i).action(), held.action());
                if (held.mode() == ApprovalMode.AUTOMATIC) {
                  assertTrue(held.action().kind().isReversible());
                }
              }
            });
  }
}
