package dev.parry.testkit.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.spi.store.ActionQuery;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Promise (README "Who did what stays on the action"): every transition keeps actor and comment;
 * History rows and the CSV show who did what, with comments.
 *
 * <p>The break it guards against: a time-box extension is an approval step ({@code
 * ActionStep.Kind.TIME_BOX_EXTENDED}) that {@link dev.parry.spi.audit.ActionCenterCsv} has no
 * column for. Once anything later moves the action on (here the system undoing it when the extended
 * box ends), the CSV no longer names the analyst who kept a device isolated longer, nor why.
 */
@DisplayName("Attack: who extended a time-boxed containment, in the CSV")
class CsvTimeBoxExtensionAttackTest {

  @Test
  @DisplayName("the CSV names the analyst who extended a time box, and their comment")
  void extensionInCsv() {
    try (ParryHarness parry = ParryHarness.create()) {
      ActionRecord isolation =
          parry
              .runtime()
              .takeAction(
                  new IsolateDevice(Fixtures.WS, IsolationType.FULL),
                  ParryHarness.ANALYST,
                  "ransomware beaconing",
                  false,
                  Duration.ofHours(4));
      parry.settle();
      assertEquals(ActionStatus.SUCCEEDED, parry.action(isolation.id()).status());
      parry
          .runtime()
          .extendTimeBox(
              isolation.id(),
              Duration.ofHours(2),
              ParryHarness.SECOND_ANALYST,
              "keep it cut off until the reimage");
      parry.advance(Duration.ofHours(7));
      String csv =
          parry
              .runtime()
              .exportCsv(
                  ActionQuery.all().limit(ActionQuery.MAX_LIMIT).build(), ParryHarness.ANALYST);
      assertTrue(
          csv.contains(ParryHarness.SECOND_ANALYST.name().toString())
              && csv.contains("keep it cut off until the reimage"),
          "the extension's approver or comment is missing from the CSV:\n" + csv);
    }
  }
}
