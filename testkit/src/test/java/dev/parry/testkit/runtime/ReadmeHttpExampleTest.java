package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.json.ApproveRequest;
import dev.parry.spi.json.JsonFormatException;
import dev.parry.spi.json.ManualActionRequest;
import dev.parry.spi.json.ParryJson;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.Page;
import dev.parry.testkit.ParryHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The README's REST handler runs as written: it lists pending actions as JSON and approves from a JSON body")
class ReadmeHttpExampleTest {

  /** As README, "Exposing Parry over HTTP", writes it. */
  record Response(int status, String contentType, String body) {}

  /** As README, "Exposing Parry over HTTP", writes it. */
  static final class ActionsResource {
    private final ParryRuntime parry;

    ActionsResource(ParryRuntime parry) {
      this.parry = parry;
    }

    /** GET /actions/pending?cursor=… */
    Response pending(Caller caller, @Nullable String cursor) {
      Page<ActionRecord> page =
          parry.actions(ActionQuery.pending().limit(50).cursor(cursor).build(), caller);
      return new Response(200, "application/json", ParryJson.write(page));
    }

    /** POST /investigations/{investigation}/actions/{sequence}/approve */
    Response approve(Caller caller, String investigation, int sequence, String body) {
      ApproveRequest request;
      try {
        request = ParryJson.readApprove(body);
      } catch (JsonFormatException e) { // names the member: "$.comment: expected a string, …"
        return new Response(400, "text/plain", e.getMessage());
      }
      ActionId id = new ActionId(InvestigationId.of(investigation), sequence);
      return new Response(
          200, "application/json", ParryJson.write(parry.approve(id, caller, request.comment())));
    }
  }

  @Test
  @DisplayName(
      "a pending isolation is listed, approved from a JSON body, and a bad body answers 400 naming the member")
  void handler() {
    try (ParryHarness harness = ParryHarness.create()) {
      ParryRuntime parry = harness.runtime();
      InvestigationId id = InvestigationId.of("inv-http-1");
      Device device = Device.of(DeviceId.of("a3f7c19e"), DeviceName.of("ws-042"));
      parry.open(id, AlertId.of("da637851"), device);
      parry.reportEvidence(
          id, Evidence.of(device, Verdict.MALICIOUS, "C2 beacon", harness.clock().instant()));
      parry.finishAnalysis(id, AnalysisOutcome.COMPLETED);
      harness.settle();
      ActionsResource resource = new ActionsResource(parry);

      Response pending = resource.pending(ParryHarness.ANALYST, null);
      assertEquals(200, pending.status());
      Page<ActionRecord> page = ParryJson.readActionPage(pending.body());
      assertEquals(1, page.items().size(), pending.body());
      ActionRecord isolation = page.items().get(0);
      assertTrue(pending.body().contains("\"kind\":\"ISOLATE_DEVICE\""), pending.body());

      Response bad =
          resource.approve(
              ParryHarness.ANALYST, "inv-http-1", isolation.id().sequence(), "{\"comment\": 42}");
      assertEquals(400, bad.status());
      assertEquals("$.comment: expected a string, was: 42", bad.body());
      assertEquals(
          ActionStatus.PENDING_APPROVAL,
          harness.action(isolation.id()).status(),
          "a bad body changes nothing");

      Response approved =
          resource.approve(
              ParryHarness.ANALYST,
              "inv-http-1",
              isolation.id().sequence(),
              "{\"comment\": \"confirmed with the user\"}");
      assertEquals(200, approved.status(), approved.body());
      ActionRecord after = ParryJson.readActionRecord(approved.body());
      assertEquals("confirmed with the user", after.approvals().get(0).comment());
    }
  }

  @Test
  @DisplayName("README shows the handler as this test runs it")
  void readmeShowsTheHandler() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (String line :
        new String[] {
          "Page<ActionRecord> page = parry.actions(ActionQuery.pending().limit(50).cursor(cursor).build(), caller);",
          "return new Response(200, \"application/json\", ParryJson.write(page));",
          "request = ParryJson.readApprove(body);",
          "return new Response(400, \"text/plain\", e.getMessage());",
          "ActionId id = new ActionId(InvestigationId.of(investigation), sequence);",
          "return new Response(200, \"application/json\", ParryJson.write(parry.approve(id, caller, request.comment())));"
        }) {
      assertTrue(readme.contains(line), "README's 'Exposing Parry over HTTP' should show: " + line);
    }
  }

  @Test
  @DisplayName("README's manual action body reads, and takes the action it describes")
  void readmeManualActionBodyReads() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("## Exposing Parry over HTTP"));
    int start = section.indexOf("```json\n") + "```json\n".length();
    ManualActionRequest body =
        ParryJson.readManualAction(section.substring(start, section.indexOf("```", start)));
    try (ParryHarness harness = ParryHarness.create()) {
      ActionRecord action = body.takeOn(harness.runtime(), ParryHarness.ANALYST);
      assertEquals(ActionKind.ISOLATE_DEVICE, action.action().kind());
      assertEquals("ransomware spreading from this host", action.requestComment());
      assertEquals(Duration.ofHours(4), action.timeBox());
      assertEquals(
          ActionStatus.PENDING_APPROVAL,
          action.status(),
          "two-step: it waits for another principal");
    }
  }
}
