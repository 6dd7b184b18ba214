package dev.parry.testkit.attack;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.Sha256;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.testkit.ParryHarness;
import java.util.Set;

/** Shared entities and helpers for the attack tests. */
final class Fixtures {

  static final DeviceTag TIER_0 = DeviceTag.of("tier-0");

  /**
   * The default plan table, with a malicious whole device isolated automatically, so the guards
   * have automation to stop.
   */
  static final dev.parry.core.policy.PlanTable ISOLATE =
      dev.parry.core.policy.PlanTable.defaults()
          .with(
              dev.parry.core.policy.PlanTable.Row.of(
                  Device.class,
                  dev.parry.core.verdict.Verdict.MALICIOUS,
                  dev.parry.core.policy.PlanTable.Step.automatic(
                      dev.parry.core.action.ActionKind.ISOLATE_DEVICE)));

  static final Device DC =
      new Device(
          DeviceId.of("d-dc-01"), DeviceName.of("dc-01"), null, Set.of(), OsPlatform.WINDOWS);
  static final Device TAGGED_DC =
      new Device(
          DeviceId.of("d-dc-02"), DeviceName.of("dc-02"), null, Set.of(TIER_0), OsPlatform.WINDOWS);
  static final Device WS = Device.of(DeviceId.of("d-ws-01"), DeviceName.of("ws-01"));
  static final Sha256 HASH =
      Sha256.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

  private Fixtures() {}

  static InvestigationId open(ParryHarness parry, String id, Device device) {
    InvestigationId investigation = InvestigationId.of(id);
    parry.runtime().open(investigation, AlertId.of("alert-" + id), device);
    return investigation;
  }

  static Evidence evidence(ParryHarness parry, Entity entity, Verdict verdict) {
    return Evidence.of(entity, verdict, "attack test", parry.clock().instant());
  }

  static ActionRecord action(ParryHarness parry, InvestigationId id, ActionKind kind) {
    return parry.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow().actions().stream()
        .filter(a -> a.action().kind() == kind)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + id));
  }

  static long executeCalls(ParryHarness parry, ActionKind kind) {
    return parry.devices().calls().stream()
        .filter(c -> c.operation().equals("execute"))
        .filter(c -> c.request().action().kind() == kind)
        .count();
  }
}
