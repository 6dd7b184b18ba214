package dev.parry.testkit.errors;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.policy.PlanTable;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.verdict.Evidence;
import dev.parry.spi.audit.ActionCenterCsv;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.executor.DeviceExclusions;
import dev.parry.spi.executor.ProviderConfig;
import dev.parry.spi.json.ParryJson;
import dev.parry.spi.store.Page;
import dev.parry.testkit.generate.CommandSequences;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A collection argument that is present but holds a null element is bad input like a null argument:
 * the caller gets an {@link InvalidInputException} naming the collection, never the {@link
 * NullPointerException} that {@code List.copyOf} throws.
 */
@DisplayName("A list, set or map holding null is refused with a Parry error naming it")
class NullElementsTest {

  private static <T> Set<T> withNull(T element) {
    return new HashSet<>(Arrays.asList(element, null));
  }

  /**
   * The error names the collection, or the element inside it ({@code actions[0]}, {@code
   * properties[key]}).
   */
  private static void refused(String field, Executable call) {
    InvalidInputException e = assertThrows(InvalidInputException.class, call);
    assertTrue(
        e.field().equals(field) || e.field().startsWith(field + "["),
        () -> "field was " + e.field());
  }

  @Test
  @DisplayName("a page of items holding null")
  void page() {
    refused("items", () -> new Page<>(Arrays.asList("a", null), null));
  }

  @Test
  @DisplayName("a caller's permissions holding null")
  void caller() {
    refused(
        "permissions",
        () -> new Caller(PrincipalName.of("alice"), withNull(Permission.ACTIVE_REMEDIATION)));
  }

  @Test
  @DisplayName("a device's tags holding null")
  void deviceTags() {
    refused(
        "tags",
        () ->
            new Device(
                DeviceId.of("dev-1"),
                null,
                null,
                withNull(DeviceTag.of("prod")),
                OsPlatform.values()[0],
                null,
                null));
  }

  @Test
  @DisplayName("a plan's actions holding null")
  void plan() {
    refused("actions", () -> new RemediationPlan(Arrays.asList((PlannedAction) null), "why"));
  }

  @Test
  @DisplayName("an investigation's threats without action holding null")
  void threatsWithoutAction() {
    Investigation state = CommandSequences.investigations(0, 5).next(new Random(7));
    refused(
        "threatsWithoutAction",
        () ->
            new Investigation(
                state.id(),
                state.alertId(),
                state.level(),
                state.origin(),
                state.openedAt(),
                state.pendingExpiry(),
                state.version(),
                state.evidence(),
                Arrays.asList((Evidence) null),
                state.actions(),
                state.analysis(),
                state.terminatedBy(),
                state.completedAt()));
  }

  @Test
  @DisplayName("device exclusions holding null")
  void exclusions() {
    refused(
        "devices", () -> DeviceExclusions.of(withNull(DeviceId.of("dev-1")), Set.of(), Set.of()));
  }

  @Test
  @DisplayName("provider properties with a null value or key")
  void providerConfig() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("endpoint", null);
    refused("properties", () -> ProviderConfig.of(nullValue));
    Map<String, String> nullKey = new HashMap<>();
    nullKey.put(null, "x");
    refused("properties", () -> ProviderConfig.of(nullKey));
  }

  @Test
  @DisplayName("static entry points taking a list refuse one holding null")
  void staticEntryPoints() {
    List<Executable> calls =
        List.of(
            () -> AuditTrail.verify(Arrays.asList((AuditRecord) null)),
            () -> AuditTrail.head(Arrays.asList((AuditRecord) null)),
            () -> ActionCenterCsv.of(Arrays.asList((ActionRecord) null)),
            () -> Investigation.replay(Arrays.asList((InvestigationEvent) null)),
            () -> FolderClassifier.of(Arrays.asList((String) null), List.of()),
            () -> PlanTable.of(Arrays.asList((PlanTable.Row) null)),
            () -> ParryJson.writeEvents(Arrays.asList((InvestigationEvent) null)),
            () -> ParryJson.writeAuditTrail(Arrays.asList((AuditRecord) null)));
    for (int i = 0; i < calls.size(); i++) {
      int at = i;
      assertThrows(InvalidInputException.class, calls.get(i), () -> "call " + at);
    }
  }
}
