package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.testkit.ParryHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Through the runtime, an investigation ends in the status that says what happened (core/DOMAIN.md D33)")
class FinalStatusTest {

  static final Device WORKSTATION = Device.of(DeviceId.of("d-ws-1"), DeviceName.of("ws-1"));
  static final Sha256 TOOL =
      Sha256.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  static final DeviceFile FILE =
      DeviceFile.onDevice(TOOL, WORKSTATION.id(), WindowsPath.of("C:\\Tools\\tool.exe"));

  static Investigation finish(ParryHarness harness, InvestigationId id) {
    harness.runtime().finishAnalysis(id, AnalysisOutcome.COMPLETED);
    harness.settle();
    return harness.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow();
  }

  static InvestigationId open(ParryHarness harness, Verdict verdict) {
    InvestigationId id = InvestigationId.of("inv-status");
    harness.runtime().open(id, AlertId.of("alert-status"), WORKSTATION);
    harness
        .runtime()
        .reportEvidence(id, Evidence.of(FILE, verdict, "tool", harness.clock().instant()));
    harness.settle();
    return id;
  }

  @Test
  @DisplayName(
      "a malicious file an allow indicator covers plans nothing: partially investigated, never no threats found")
  void allowedThreat() {
    try (ParryHarness harness =
        ParryHarness.create(b -> b.allow(new AllowIndicator.FileHash(TOOL)))) {
      Investigation done = finish(harness, open(harness, Verdict.MALICIOUS));
      assertEquals(List.of(), done.actions());
      assertEquals(1, done.threatsWithoutAction().size());
      assertEquals(InvestigationStatus.PARTIALLY_INVESTIGATED, done.status());
    }
  }

  @Test
  @DisplayName("a clean file: no threats found")
  void clean() {
    try (ParryHarness harness = ParryHarness.create()) {
      assertEquals(
          InvestigationStatus.NO_THREATS_FOUND,
          finish(harness, open(harness, Verdict.NO_THREATS_FOUND)).status());
    }
  }

  @Test
  @DisplayName("the only action rejected by an analyst: not remediated")
  void rejected() {
    try (ParryHarness harness = ParryHarness.create()) {
      InvestigationId id = open(harness, Verdict.SUSPICIOUS);
      ActionRecord pending = harness.pending().get(0);
      harness.runtime().reject(pending.id(), ParryHarness.ANALYST, "known tool");
      assertEquals(InvestigationStatus.NOT_REMEDIATED, finish(harness, id).status());
    }
  }

  @Test
  @DisplayName("the only action left to expire after 7 days: not remediated")
  void expired() {
    try (ParryHarness harness = ParryHarness.create()) {
      InvestigationId id = open(harness, Verdict.SUSPICIOUS);
      harness.runtime().finishAnalysis(id, AnalysisOutcome.COMPLETED);
      harness.advance(Duration.ofDays(7));
      Investigation done = harness.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow();
      assertEquals(InvestigationStatus.NOT_REMEDIATED, done.status());
    }
  }
}
