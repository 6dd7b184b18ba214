package dev.parry.testkit.runtime;

import static dev.parry.testkit.runtime.Samples.FILE;
import static dev.parry.testkit.runtime.Samples.MESSAGE;
import static dev.parry.testkit.runtime.Samples.USER;
import static dev.parry.testkit.runtime.Samples.WORKSTATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.CommandRejectedException;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.ForwardingStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Several pieces of evidence reported at once: planned as one by one, recorded in one write or not at all")
class EvidenceReportTest {

  /** The in-memory store, counting appends. */
  static final class CountingStore extends ForwardingStore {
    final AtomicInteger appends = new AtomicInteger();

    CountingStore() {
      super(InMemoryInvestigationStore.create());
    }

    @Override
    public ChainHead append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      ChainHead head = super.append(id, expectedVersion, events, after);
      appends.incrementAndGet();
      return head;
    }
  }

  static List<Evidence> evidence(ParryHarness parry) {
    Instant now = parry.clock().instant();
    return List.of(
        Evidence.of(FILE, Verdict.MALICIOUS, "Trojan", now),
        Evidence.of(MESSAGE, Verdict.MALICIOUS, "phish", now),
        Evidence.of(USER, Verdict.MALICIOUS, "impossible travel", now)
            .withRoles(EvidenceRole.COMPROMISED),
        Evidence.of(WORKSTATION, Verdict.MALICIOUS, "", now));
  }

  /** {@return each action's kind, status and target key, in order} */
  static List<String> summary(ParryHarness parry, InvestigationId id) {
    List<String> out = new ArrayList<>();
    for (ActionRecord action :
        parry.runtime().investigation(id, ParryHarness.ANALYST).orElseThrow().actions()) {
      out.add(
          action.action().kind() + " " + action.status() + " " + action.action().target().key());
    }
    return out;
  }

  @Test
  @DisplayName(
      "a report of four plans and carries out what four reports do, with one append for the evidence")
  void sameAsOneByOne() {
    CountingStore counted = new CountingStore();
    try (ParryHarness together =
            ParryHarness.onStore(counted, b -> b.deviceGroups(Samples.groups()));
        ParryHarness apart = ParryHarness.create(b -> b.deviceGroups(Samples.groups()))) {
      InvestigationId id = Samples.open(together, "inv-together", WORKSTATION);
      Samples.open(apart, "inv-together", WORKSTATION);
      int before = counted.appends.get();
      ParryRuntime runtime = together.runtime();
      Investigation after = runtime.reportEvidence(id, evidence(together));
      assertEquals(4, after.evidence().size());
      assertEquals(
          before + 1, counted.appends.get(), "appends for the report (nothing dispatched yet)");
      for (Evidence each : evidence(apart)) {
        apart.runtime().reportEvidence(id, each);
      }
      together.settle();
      apart.settle();
      assertEquals(summary(apart, id), summary(together, id));
    }
  }

  @Test
  @DisplayName("a refused report records nothing; bad lists are refused before anything happens")
  void refusalsChangeNothing() {
    try (ParryHarness parry = ParryHarness.create(b -> b.deviceGroups(Samples.groups()))) {
      InvestigationId id = Samples.open(parry, "inv-refused", WORKSTATION);
      parry.runtime().terminate(id, ParryHarness.ANALYST, "false alarm");
      List<InvestigationEvent> events = parry.store().events(id);
      assertThrows(
          CommandRejectedException.class,
          () -> parry.runtime().reportEvidence(id, evidence(parry)));
      assertThrows(
          InvalidInputException.class, () -> parry.runtime().reportEvidence(id, List.of()));
      List<Evidence> tooMany =
          Collections.nCopies(ParryRuntime.MAX_EVIDENCE_PER_REPORT + 1, evidence(parry).get(0));
      assertThrows(InvalidInputException.class, () -> parry.runtime().reportEvidence(id, tooMany));
      List<Evidence> withNull = new ArrayList<>(evidence(parry));
      withNull.add(null);
      InvalidInputException unnamed =
          assertThrows(
              InvalidInputException.class, () -> parry.runtime().reportEvidence(id, withNull));
      assertEquals("evidence[4]", unnamed.field(), "the error names the null piece");
      assertEquals(events, parry.store().events(id), "the store changed");
    }
  }
}
