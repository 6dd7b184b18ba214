package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.store.ConcurrencyConflictException;
import dev.parry.spi.store.ControlsChangedException;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.JdbcInvestigationStore;
import dev.parry.spi.store.LeaseHeldException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Adversarial, at the store: the fenced create, and which refusal a fenced append answers. */
class AdversaryFencedStoreTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private HikariDataSource pool;
  private JdbcInvestigationStore store;

  @BeforeEach
  void setUp() {
    Postgres.truncate();
    pool = Postgres.pool(Postgres.url(), 2);
    store = JdbcInvestigationStore.create(pool);
  }

  @AfterEach
  void tearDown() {
    pool.close();
    Postgres.truncate();
  }

  private long change(String reason) {
    ControlStore controls = store.controls().orElseThrow();
    return controls
        .record(
            ControlChange.pause(
                DeviceGroupName.of("adv-" + run), PrincipalName.of("adv@contoso.com"), T0, reason))
        .sequence();
  }

  private Decision.Accepted opened(InvestigationId id) {
    return Investigation.open(
        id,
        AlertId.of("adv"),
        AutomationLevel.FULL,
        Investigation.DEFAULT_PENDING_EXPIRY,
        Actor.system(),
        T0);
  }

  private Investigation create(InvestigationId id) {
    Decision.Accepted opened = opened(id);
    store.append(id, 0, opened.events(), opened.after());
    return opened.after();
  }

  private Decision.Accepted isolation(Investigation state, String name) {
    return automaticIsolation(state, "adv-" + run + "-" + name, name);
  }

  /**
   * {@return {@code state}'s decision to propose an automatic full isolation of the device {@code
   * deviceId}, named after {@code name}}
   */
  static Decision.Accepted automaticIsolation(Investigation state, String deviceId, String name) {
    return (Decision.Accepted)
        state.decide(
            new Command.ProposeAction(
                new Command.Proposal(
                    new PlannedAction(
                        new IsolateDevice(
                            Device.of(DeviceId.of(deviceId), DeviceName.of("ws-" + name)),
                            IsolationType.FULL),
                        ApprovalMode.AUTOMATIC,
                        "adv"),
                    ApprovalRule.SINGLE,
                    null,
                    null),
                Actor.system()),
            T0);
  }

  @Test
  @DisplayName(
      "a fenced create after a later change throws ControlsChangedException and writes nothing;"
          + " the id can be created afterwards")
  void fencedCreateRefused() {
    long seen = change("seen");
    InvestigationStore fenced = store.fencedAt(seen).orElseThrow();
    change("later");
    InvestigationId id = InvestigationId.of("adv-create-" + run);
    Decision.Accepted opened = opened(id);
    assertThrows(
        ControlsChangedException.class,
        () -> fenced.append(id, 0, opened.events(), opened.after()));
    assertEquals(Optional.empty(), store.load(id), "nothing written");
    assertEquals(0, store.chain(id).size(), "no event");
    store.append(id, 0, opened.events(), opened.after());
    assertEquals(opened.after(), store.load(id).orElseThrow());
  }

  @Test
  @DisplayName(
      "a fenced create of an id that exists, after a later change, is answered as the store's own"
          + " create is: a version conflict, nothing written (STORE-30)")
  void fencedCreateOfAnExistingIdAfterALaterChange() {
    long seen = change("seen");
    InvestigationStore fenced = store.fencedAt(seen).orElseThrow();
    InvestigationId id = InvestigationId.of("adv-exists-" + run);
    Decision.Accepted opened = opened(id);
    create(id);
    change("later");
    Investigation stored = store.load(id).orElseThrow();
    assertThrows(
        ConcurrencyConflictException.class,
        () -> fenced.append(id, 0, opened.events(), opened.after()));
    assertEquals(stored, store.load(id).orElseThrow(), "nothing written");
  }

  @Test
  @DisplayName(
      "a fenced append at a stale version, after a later change, is answered as the store's own"
          + " append is: a version conflict, nothing written (STORE-30)")
  void fencedStaleAppendAfterALaterChange() {
    long seen = change("seen");
    InvestigationStore fenced = store.fencedAt(seen).orElseThrow();
    InvestigationId id = InvestigationId.of("adv-stale-" + run);
    Investigation state = create(id);
    Decision.Accepted first = isolation(state, "one");
    store.append(id, state.version(), first.events(), first.after());
    change("later");
    Decision.Accepted stale = isolation(state, "two");
    assertThrows(
        ConcurrencyConflictException.class,
        () -> fenced.append(id, state.version(), stale.events(), stale.after()));
    assertEquals(first.after(), store.load(id).orElseThrow(), "nothing written");
  }

  @Test
  @DisplayName(
      "a fenced claiming append whose lease another owner holds, after a later change, is"
          + " answered as the store's own is: the lease is held, nothing written (STORE-30)")
  void fencedClaimHeldElsewhereAfterALaterChange() {
    long seen = change("seen");
    InvestigationStore fenced = store.fencedAt(seen).orElseThrow();
    InvestigationId id = InvestigationId.of("adv-held-" + run);
    Investigation state = create(id);
    Decision.Accepted proposed = isolation(state, "held");
    store.append(id, state.version(), proposed.events(), proposed.after());
    ActionId action = proposed.after().actions().get(0).id();
    assertTrue(store.claim(action, "runtime-b", T0, LEASE), "b holds the lease");
    change("later");
    Decision.Accepted start =
        (Decision.Accepted) proposed.after().decide(new Command.Start(action), T0);
    assertThrows(
        LeaseHeldException.class,
        () ->
            fenced.appendClaiming(
                id,
                proposed.after().version(),
                start.events(),
                start.after(),
                action,
                "runtime-a",
                T0,
                LEASE));
  }

  @Test
  @DisplayName(
      "a refused fenced append leaves the chain head it shares with the store right: the next"
          + " append through the store links and verifies")
  void headAfterARefusal() {
    long seen = change("seen");
    InvestigationStore fenced = store.fencedAt(seen).orElseThrow();
    InvestigationId id = InvestigationId.of("adv-head-" + run);
    Investigation state = create(id);
    change("later");
    Decision.Accepted refused = isolation(state, "refused");
    assertThrows(
        ControlsChangedException.class,
        () -> fenced.append(id, state.version(), refused.events(), refused.after()));
    Decision.Accepted next = isolation(state, "next");
    store.append(id, state.version(), next.events(), next.after());
    assertEquals(next.after(), store.load(id).orElseThrow());
    var check = dev.parry.spi.audit.AuditTrail.verify(store.chain(id), null);
    assertTrue(check.isIntact(), "chain intact: " + check);
    // a view of a view, and the largest fence, write
    InvestigationStore wide = fenced.fencedAt(Long.MAX_VALUE).orElseThrow();
    Decision.Accepted more = isolation(next.after(), "more");
    wide.append(id, next.after().version(), more.events(), more.after());
    assertEquals(more.after(), store.load(id).orElseThrow());
  }
}
