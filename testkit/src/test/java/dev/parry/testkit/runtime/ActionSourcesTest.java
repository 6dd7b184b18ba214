package dev.parry.testkit.runtime;

import static dev.parry.testkit.ParryHarness.ANALYST;
import static dev.parry.testkit.runtime.Samples.MESSAGE;
import static dev.parry.testkit.runtime.Samples.PROCESS;
import static dev.parry.testkit.runtime.Samples.SERVER;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static dev.parry.testkit.runtime.Samples.evidence;
import static dev.parry.testkit.runtime.Samples.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.RunAntivirusScan;
import dev.parry.core.action.ScanType;
import dev.parry.core.action.SoftDeleteEmail;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.store.ActionQuery;
import dev.parry.testkit.ParryHarness;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Action sources: a service says where a manual action comes from, and the Action center filters by it")
class ActionSourcesTest {

  static final EmailMessage OTHER_MESSAGE =
      EmailMessage.of(
          NetworkMessageId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
          SmtpAddress.of("dave@contoso.com"));

  final ParryHarness parry = ParryHarness.create(b -> b.deviceGroups(Samples.groups()));
  final ParryRuntime runtime = parry.runtime();

  @AfterEach
  void close() {
    parry.close();
  }

  Set<ActionSource> sourcesOf(ActionQuery query) {
    return runtime.actions(query, ANALYST).items().stream()
        .map(ActionRecord::source)
        .collect(Collectors.toSet());
  }

  @Test
  @DisplayName("each action keeps its source, and queries filter by it")
  void filtered() {
    InvestigationId device = open(parry, "inv-src-d", SERVER);
    runtime.reportEvidence(device, evidence(parry, PROCESS, Verdict.MALICIOUS));
    InvestigationId email = open(parry, "inv-src-e", null);
    runtime.reportEvidence(email, evidence(parry, MESSAGE, Verdict.MALICIOUS));
    ActionRecord live =
        runtime.takeAction(
            new IsolateDevice(WORKSTATION, IsolationType.FULL),
            ANALYST,
            "from the live response session",
            true,
            null,
            ActionSource.LIVE_RESPONSE);
    ActionRecord explorer =
        runtime.takeAction(
            new SoftDeleteEmail(OTHER_MESSAGE, false),
            ANALYST,
            "from Explorer",
            true,
            null,
            ActionSource.EXPLORER);
    ActionRecord manual =
        runtime.takeAction(new RunAntivirusScan(SERVER, ScanType.FULL), ANALYST, "scan it", true);
    assertEquals(ActionSource.LIVE_RESPONSE, live.source());
    assertEquals(ActionSource.EXPLORER, parry.action(explorer.id()).source());
    assertEquals(ActionSource.MANUAL_DEVICE_ACTION, manual.source());

    assertEquals(
        Set.of(
            ActionSource.AUTOMATED_DEVICE_INVESTIGATION,
            ActionSource.AUTOMATED_EMAIL_INVESTIGATION,
            ActionSource.LIVE_RESPONSE,
            ActionSource.EXPLORER,
            ActionSource.MANUAL_DEVICE_ACTION),
        sourcesOf(ActionQuery.pending().build()));
    assertEquals(
        Set.of(ActionSource.LIVE_RESPONSE),
        sourcesOf(ActionQuery.pending().sources(EnumSet.of(ActionSource.LIVE_RESPONSE)).build()));
    assertEquals(
        Set.of(ActionSource.AUTOMATED_EMAIL_INVESTIGATION, ActionSource.EXPLORER),
        sourcesOf(
            ActionQuery.pending()
                .sources(
                    EnumSet.of(ActionSource.AUTOMATED_EMAIL_INVESTIGATION, ActionSource.EXPLORER))
                .build()));
    assertEquals(
        Set.of(),
        sourcesOf(
            ActionQuery.pending().sources(EnumSet.of(ActionSource.LIVE_RESPONSE_API)).build()));
    String csv = runtime.exportCsv(ActionQuery.pending().build(), ANALYST);
    assertTrue(
        csv.contains(",LIVE_RESPONSE,analyst@contoso.com,from the live response session,"), csv);
  }

  @Test
  @DisplayName(
      "an automated source, or one that does not take the action's family, is refused and nothing changes")
  void refused() {
    int events = parry.events().size();
    for (ActionSource wrong :
        List.of(
            ActionSource.EXPLORER,
            ActionSource.MANUAL_EMAIL_ACTION,
            ActionSource.AUTOMATED_DEVICE_INVESTIGATION)) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () ->
                  runtime.takeAction(
                      new IsolateDevice(WORKSTATION, IsolationType.FULL),
                      ANALYST,
                      "contain",
                      false,
                      null,
                      wrong));
      assertTrue(e.getMessage().startsWith("source "), e.getMessage());
    }
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                runtime.takeAction(
                    new SoftDeleteEmail(MESSAGE, false),
                    ANALYST,
                    "delete",
                    false,
                    null,
                    ActionSource.LIVE_RESPONSE_API));
    assertTrue(e.getMessage().startsWith("source "), e.getMessage());
    parry.settle();
    assertEquals(events, parry.events().size());
    assertEquals(List.of(), runtime.actions(ActionQuery.all().build(), ANALYST).items());
  }
}
