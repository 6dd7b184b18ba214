package dev.parry.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.RunAntivirusScan;
import dev.parry.core.action.ScanType;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.ActionSource;
import dev.parry.spi.store.ConcurrencyConflictException;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The store contract (rules STORE-1 to STORE-16 of {@code spi/SPEC.md}). Extend it and return a
 * store from {@link #createStore()}; a store shared between tests is fine, as every test works on
 * investigations and entities of its own.
 *
 * <pre>{@code
 * class PostgresStoreContractTest extends InvestigationStoreContract {
 *   @Override
 *   protected InvestigationStore createStore() {
 *     return JdbcInvestigationStore.create(dataSource);
 *   }
 * }
 * }</pre>
 */
public abstract class InvestigationStoreContract extends ContractSupport {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  /** The dispatch lease the lease rules claim with. */
  private static final Duration LEASE = Duration.ofSeconds(30);

  private @Nullable InvestigationStore store;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /** Creates the contract. */
  protected InvestigationStoreContract() {}

  /** {@return the store under test; called before every test} */
  protected abstract InvestigationStore createStore();

  @BeforeEach
  final void createContractStore() {
    store = createStore();
  }

  final InvestigationStore store() {
    return Objects.requireNonNull(store, "createStore() must not return null");
  }

  final InvestigationId newId(String name) {
    return InvestigationId.of("tck-" + run + "-" + name);
  }

  final Investigation create(InvestigationId id) {
    Decision.Accepted opened = Investigation.open(id, AlertId.of("tck"), AutomationLevel.FULL,
        Investigation.DEFAULT_PENDING_EXPIRY, Actor.system(), T0);
    store().append(id, 0, opened.events(), opened.after());
    return opened.after();
  }

  /** Decides and appends {@code command}; returns the state after it. */
  final Investigation apply(Investigation state, Command command, Instant at) {
    Decision.Accepted accepted = (Decision.Accepted) state.decide(command, at);
    store().append(state.id(), state.version(), accepted.events(), accepted.after());
    return accepted.after();
  }

  final Command propose(RemediationAction action, ApprovalMode mode, Actor requester) {
    return new Command.ProposeAction(new Command.Proposal(new PlannedAction(action, mode, "contract"),
        ApprovalRule.SINGLE), requester);
  }

  /** {@return the decision to propose isolating the contract's device {@code name}, at the start time} */
  final Decision.Accepted isolation(Investigation state, String name, ApprovalMode mode) {
    return (Decision.Accepted) state.decide(
        propose(new IsolateDevice(device(name), IsolationType.FULL), mode, Actor.system()), T0);
  }

  final Device device(String name) {
    return Device.of(DeviceId.of("tck-" + run + "-" + name), DeviceName.of("ws-" + name));
  }

  @Nested
  @DisplayName("Appending")
  class Appending {
    @Test
    @DisplayName("STORE-1: load answers the appended state and events answers every event, in order")
    void store1_loadAndEventsReflectAppends() {
      rule("STORE-1", false);
      InvestigationId id = newId("s1");
      Investigation state = create(id);
      List<InvestigationEvent> expected = new ArrayList<>(store().events(id));
      Decision.Accepted next = isolation(state, "s1", ApprovalMode.REQUIRES_APPROVAL);
      store().append(id, state.version(), next.events(), next.after());
      expected.addAll(next.events());
      assertEquals(next.after(), store().load(id).orElseThrow(), "STORE-1: load");
      assertEquals(expected, store().events(id), "STORE-1: events");
      assertEquals(next.after(), Investigation.replay(store().events(id)), "STORE-1: the events rebuild the state");
    }

    @Test
    @DisplayName("STORE-4: no appended event is lost")
    void store4_noEventIsLost() {
      rule("STORE-4", false);
      InvestigationId id = newId("s4");
      Investigation state = create(id);
      for (int i = 0; i < 30; i++) {
        state = apply(state, propose(new RunAntivirusScan(device("s4-" + i), ScanType.QUICK), ApprovalMode.AUTOMATIC,
            Actor.system()), T0.plusSeconds(i));
      }
      assertEquals(state.version(), store().events(id).size(), "STORE-4: events lost");
      assertEquals(31, store().load(id).orElseThrow().version(), "STORE-4: version");
    }

    @Test
    @DisplayName("STORE-9: events of another investigation, or a mismatched state, are refused and nothing is written")
    void store9_foreignEventsAreRefused() {
      rule("STORE-9", false);
      InvestigationId id = newId("s9");
      Investigation state = create(id);
      Investigation other = create(newId("s9-other"));
      Decision.Accepted foreign = isolation(other, "s9", ApprovalMode.AUTOMATIC);
      assertThrows(IllegalArgumentException.class,
          () -> store().append(id, state.version(), foreign.events(), foreign.after()), "STORE-9: foreign events");
      Decision.Accepted mine = isolation(state, "s9", ApprovalMode.AUTOMATIC);
      assertThrows(IllegalArgumentException.class,
          () -> store().append(id, state.version(), mine.events(), state), "STORE-9: after state at the wrong version");
      assertEquals(1, store().events(id).size(), "STORE-9: something was written");
    }
  }

  @Nested
  @DisplayName("Concurrency")
  class Concurrency {
    @Test
    @DisplayName("STORE-2: a stale expected version is refused and nothing is written")
    void store2_staleVersionIsRefused() {
      rule("STORE-2", false);
      InvestigationId id = newId("s2");
      Investigation state = create(id);
      Decision.Accepted first = isolation(state, "s2a", ApprovalMode.AUTOMATIC);
      store().append(state.id(), state.version(), first.events(), first.after());
      Decision.Accepted stale = isolation(state, "s2b", ApprovalMode.AUTOMATIC);
      assertThrows(ConcurrencyConflictException.class,
          () -> store().append(id, state.version(), stale.events(), stale.after()), "STORE-2: stale append accepted");
      assertEquals(2, store().events(id).size(), "STORE-2: the stale events were written");
    }

    @Test
    @DisplayName("STORE-3: creating an existing investigation conflicts")
    void store3_createTwiceConflicts() {
      rule("STORE-3", false);
      InvestigationId id = newId("s3");
      create(id);
      assertThrows(ConcurrencyConflictException.class, () -> create(id), "STORE-3");
      assertEquals(1, store().events(id).size());
    }

    @Test
    @DisplayName("STORE-5: of concurrent appends at one version, exactly one succeeds")
    void store5_oneConcurrentAppendWins() throws Exception {
      rule("STORE-5", false);
      InvestigationId id = newId("s5");
      Investigation state = create(id);
      int writers = 8;
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        Decision.Accepted attempt = isolation(state, "s5-" + w, ApprovalMode.AUTOMATIC);
        results.add(pool.submit(() -> {
          go.await();
          try {
            store().append(id, state.version(), attempt.events(), attempt.after());
            return true;
          } catch (ConcurrencyConflictException e) {
            return false;
          }
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> result : results) {
        won += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      pool.shutdown();
      assertEquals(1, won, "STORE-5: appends that won");
      assertEquals(2, store().events(id).size(), "STORE-5: events written");
    }
  }

  @Nested
  @DisplayName("Queries")
  class Queries {
    @Test
    @DisplayName("STORE-6: paging returns every matching action exactly once, in order")
    void store6_pagesReturnEachActionOnce() {
      rule("STORE-6", false);
      InvestigationId id = newId("s6");
      Investigation state = create(id);
      for (int i = 0; i < 23; i++) {
        state = apply(state, propose(new IsolateDevice(device("s6-" + i), IsolationType.FULL),
            ApprovalMode.REQUIRES_APPROVAL, Actor.system()), T0.plus(Duration.ofMinutes(i)));
      }
      for (boolean newestFirst : new boolean[] {false, true}) {
        ActionQuery query = ActionQuery.all().investigation(id).limit(5).newestFirst(newestFirst).build();
        List<Integer> seen = new ArrayList<>();
        while (true) {
          Page<ActionRecord> page = store().queryActions(query);
          assertTrue(page.items().size() <= 5, "STORE-6: page larger than the limit");
          page.items().forEach(a -> seen.add(a.id().sequence()));
          if (page.nextCursor() == null) {
            break;
          }
          query = query.after(page.nextCursor());
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
          expected.add(newestFirst ? 24 - i : i);
        }
        assertEquals(expected, seen, "STORE-6: every action once, in order (newestFirst=" + newestFirst + ")");
      }
    }

    @Test
    @DisplayName("STORE-7: a query returns only actions matching every filter")
    void store7_filtersAreApplied() {
      rule("STORE-7", false);
      InvestigationId id = newId("s7");
      Investigation state = create(id);
      Device target = device("s7");
      Actor analyst = Actor.principal(PrincipalName.of("tck-analyst@contoso.com"));
      state = apply(state, propose(new IsolateDevice(target, IsolationType.FULL), ApprovalMode.REQUIRES_APPROVAL,
          Actor.system()), T0);
      state = apply(state, propose(new RunAntivirusScan(target, ScanType.FULL), ApprovalMode.REQUIRES_APPROVAL, analyst),
          T0.plus(Duration.ofHours(1)));
      apply(state, propose(new IsolateDevice(device("s7-other"), IsolationType.FULL), ApprovalMode.AUTOMATIC,
          Actor.system()), T0.plus(Duration.ofHours(2)));
      assertEquals(Set.of(1, 2), sequences(ActionQuery.pending().investigation(id).build()), "STORE-7: status");
      assertEquals(Set.of(1, 3), sequences(ActionQuery.all().investigation(id)
          .kinds(EnumSet.of(ActionKind.ISOLATE_DEVICE)).build()), "STORE-7: kind");
      assertEquals(Set.of(2), sequences(ActionQuery.all().investigation(id)
          .sources(EnumSet.of(ActionSource.MANUAL)).build()), "STORE-7: source");
      assertEquals(Set.of(1, 2), sequences(ActionQuery.all().entity(target.key()).build()), "STORE-7: entity");
      assertEquals(Set.of(2), sequences(ActionQuery.all().investigation(id).proposedFrom(T0.plus(Duration.ofMinutes(30)))
          .proposedTo(T0.plus(Duration.ofMinutes(90))).build()), "STORE-7: time");
      assertEquals(Set.of(), sequences(ActionQuery.all().investigation(id)
          .families(EnumSet.of(EntityFamily.EMAIL)).build()), "STORE-7: family");
    }

    private Set<Integer> sequences(ActionQuery query) {
      Set<Integer> out = new HashSet<>();
      store().queryActions(query).items().forEach(a -> out.add(a.id().sequence()));
      return out;
    }

    @Test
    @DisplayName("STORE-8: a cursor the store did not issue is refused")
    void store8_foreignCursorIsRefused() {
      rule("STORE-8", false);
      assertThrows(IllegalArgumentException.class,
          () -> store().queryActions(ActionQuery.pending().cursor("not a cursor \u00e9").build()), "STORE-8");
    }

    @Test
    @DisplayName("STORE-10: an unknown investigation loads empty")
    void store10_unknownInvestigationIsEmpty() {
      rule("STORE-10", false);
      InvestigationId id = newId("s10-missing");
      assertTrue(store().load(id).isEmpty(), "STORE-10: load");
      assertTrue(store().events(id).isEmpty(), "STORE-10: events");
    }
  }

  @Nested
  @DisplayName("Dispatch leases")
  class Leases {
    /** {@return a stored, approved action to claim} */
    private ActionId storedAction(String name) {
      InvestigationId id = newId(name);
      Investigation state = create(id);
      Decision.Accepted proposed = isolation(state, name, ApprovalMode.AUTOMATIC);
      store().append(id, state.version(), proposed.events(), proposed.after());
      return proposed.after().actions().get(0).id();
    }

    @Test
    @DisplayName("STORE-12: a claim is granted once; another owner is refused while it runs; the holder renews")
    void store12_claimIsExclusiveAndRenewable() {
      rule("STORE-12", false);
      ActionId action = storedAction("s12");
      assertTrue(store().claim(action, "runtime-a", T0, LEASE), "STORE-12: an unheld action was refused");
      assertFalse(store().claim(action, "runtime-b", T0.plusSeconds(10), LEASE), "STORE-12: a held action was granted");
      assertTrue(store().claim(action, "runtime-a", T0.plusSeconds(20), LEASE), "STORE-12: the holder could not renew");
      assertFalse(store().claim(action, "runtime-b", T0.plusSeconds(40), LEASE),
          "STORE-12: the renewal did not extend the lease");
      assertFalse(store().claim(new ActionId(newId("s12-missing"), 1), "runtime-a", T0, LEASE),
          "STORE-12: an unknown action was granted");
      assertThrows(IllegalArgumentException.class, () -> store().claim(action, "runtime-a", T0, Duration.ZERO),
          "STORE-12: a zero lease");
      assertThrows(IllegalArgumentException.class, () -> store().claim(action, "", T0, LEASE), "STORE-12: an empty owner");
    }

    @Test
    @DisplayName("STORE-13: a lease ends at now plus its length; then another owner claims the action")
    void store13_leaseEnds() {
      rule("STORE-13", false);
      ActionId action = storedAction("s13");
      assertTrue(store().claim(action, "runtime-a", T0, LEASE));
      assertFalse(store().claim(action, "runtime-b", T0.plus(LEASE).minusMillis(1), LEASE),
          "STORE-13: granted before the lease ended");
      assertTrue(store().claim(action, "runtime-b", T0.plus(LEASE), LEASE), "STORE-13: refused after the lease ended");
      assertFalse(store().claim(action, "runtime-a", T0.plus(LEASE).plusSeconds(1), LEASE),
          "STORE-13: the old holder took it back");
    }

    @Test
    @DisplayName("STORE-14: release by the holder frees the action; release by another owner changes nothing")
    void store14_releaseFreesOnlyForTheHolder() {
      rule("STORE-14", false);
      ActionId action = storedAction("s14");
      assertTrue(store().claim(action, "runtime-a", T0, LEASE));
      store().release(action, "runtime-b");
      assertFalse(store().claim(action, "runtime-b", T0.plusSeconds(1), LEASE), "STORE-14: another owner released it");
      store().release(action, "runtime-a");
      assertTrue(store().claim(action, "runtime-b", T0.plusSeconds(2), LEASE), "STORE-14: release did not free it");
    }

    @Test
    @DisplayName("STORE-16: an append that settles an action ends its lease")
    void store16_settlingEndsTheLease() {
      rule("STORE-16", false);
      InvestigationId id = newId("s16");
      Investigation state = create(id);
      Decision.Accepted proposed = isolation(state, "s16", ApprovalMode.AUTOMATIC);
      store().append(id, state.version(), proposed.events(), proposed.after());
      state = proposed.after();
      ActionId action = state.actions().get(0).id();
      assertTrue(store().claim(action, "runtime-a", T0, LEASE));
      state = apply(state, new Command.Start(action), T0.plusSeconds(1));
      assertFalse(store().claim(action, "runtime-b", T0.plusSeconds(2), LEASE), "STORE-16: starting ended the lease");
      apply(state, new Command.Succeed(action, "done"), T0.plusSeconds(3));
      assertTrue(store().claim(action, "runtime-b", T0.plusSeconds(4), LEASE), "STORE-16: succeeding kept the lease");
    }

    @Test
    @DisplayName("STORE-15: of concurrent claims by different owners, exactly one succeeds")
    void store15_oneConcurrentClaimWins() throws Exception {
      rule("STORE-15", false);
      ActionId action = storedAction("s15");
      int owners = 8;
      ExecutorService pool = Executors.newFixedThreadPool(owners);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int o = 0; o < owners; o++) {
        String owner = "runtime-" + o;
        results.add(pool.submit(() -> {
          go.await();
          return store().claim(action, owner, T0, LEASE);
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> result : results) {
        won += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      pool.shutdown();
      assertEquals(1, won, "STORE-15: claims that won");
    }
  }
}
