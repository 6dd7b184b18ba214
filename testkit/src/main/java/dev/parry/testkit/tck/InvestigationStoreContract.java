// Past 400 lines because a contract is one class a vendor extends: one commented group per
// capability, one test per rule, all methods of this class so that results are reported under the
// vendor's class.
package dev.parry.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.QuarantineFile;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.RunAntivirusScan;
import dev.parry.core.action.ScanType;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.ApplicationId;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.EntityKey;
import dev.parry.core.entity.InternetDomain;
import dev.parry.core.entity.IpAddress;
import dev.parry.core.entity.OAuthApplication;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.Obligation;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.ConcurrencyConflictException;
import dev.parry.spi.store.ControlsChangedException;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.LeaseHeldException;
import dev.parry.spi.store.Page;
import dev.parry.testkit.generate.HostileText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store contract (rules STORE-1 to STORE-30 of {@code spi/SPEC.md}). Extend it and return a
 * store from {@link #createStore()}; a store shared between tests is fine, as every test works on
 * investigations and entities of its own. {@code due} answers across investigations, so its rules
 * work in 2001, long before any time the other rules store, look only at their own investigations
 * in its answers, and settle their actions when they pass, so that no due work of theirs is left
 * for the next run. STORE-26 needs to change a stored event behind the store's back: override
 * {@link #storageEditor()} to run it.
 *
 * <pre>{@code
 * class PostgresStoreContractTest extends InvestigationStoreContract {
 *   @Override
 *   protected InvestigationStore createStore() {
 *     return JdbcInvestigationStore.create(dataSource);
 *   }
 * }
 * }</pre>
 *
 * <p>Past 400 lines because a contract is one class a vendor extends: one commented group per
 * capability, one test per rule, all methods of this class so that results are reported under the
 * vendor's class.
 */
public abstract class InvestigationStoreContract extends ContractSupport {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  /** The dispatch lease the lease rules claim with. */
  private static final Duration LEASE = Duration.ofSeconds(30);

  /**
   * When the {@code due} rules start: before any time the other rules store, so their due work is
   * never due then.
   */
  private static final Instant D0 = Instant.parse("2001-01-01T00:00:00Z");

  /** The owner the {@code due} rules ask as. */
  private static final String OWNER = "runtime-a";

  private @Nullable InvestigationStore store;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /** Creates the contract. */
  protected InvestigationStoreContract() {}

  /** {@return the store under test; called before every test} */
  protected abstract InvestigationStore createStore();

  /**
   * Changes what a store holds behind its back, as someone who can write its storage (a database's
   * rows) would, for rule STORE-26.
   */
  @FunctionalInterface
  public interface StorageEditor {
    /**
     * Replaces the stored event at {@code version} with {@code event}, leaving the hash stored with
     * it.
     *
     * @param id the investigation
     * @param version the event's version
     * @param event what to store instead
     */
    void replaceEvent(InvestigationId id, long version, InvestigationEvent event);
  }

  /**
   * {@return a way to change the store's stored events behind its back, or empty when nothing
   * outside the store can (its storage is this process's memory)}: STORE-26 is then skipped with
   * that reason. A store kept in a database returns one that updates the rows.
   */
  protected Optional<StorageEditor> storageEditor() {
    return Optional.empty();
  }

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
    Decision.Accepted opened =
        Investigation.open(
            id,
            AlertId.of("tck"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            T0);
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
    return new Command.ProposeAction(
        new Command.Proposal(new PlannedAction(action, mode, "contract"), ApprovalRule.SINGLE),
        requester);
  }

  /**
   * {@return the decision to propose isolating the contract's device {@code name}, at the start
   * time}
   */
  final Decision.Accepted isolation(Investigation state, String name, ApprovalMode mode) {
    return (Decision.Accepted)
        state.decide(
            propose(new IsolateDevice(device(name), IsolationType.FULL), mode, Actor.system()), T0);
  }

  final Device device(String name) {
    return Device.of(DeviceId.of("tck-" + run + "-" + name), DeviceName.of("ws-" + name));
  }

  // ---- Appending
  // ---------------------------------------------------------------------------------

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
    state = next.after();
    for (Entity entity :
        List.<Entity>of(
            Url.of(WebUrl.of("uri=fabrikam.example/pay")),
            IpAddress.of("2001:db8::1"),
            InternetDomain.of("fabrikam.example"),
            OAuthApplication.of(ApplicationId.of("4f2a9e6c-1b3d-4c5e-8f70-a1b2c3d4e5f6"))
                .withServicePrincipal(ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7")))) {
      next =
          (Decision.Accepted)
              state.decide(
                  new Command.RecordEvidence(
                      Evidence.of(entity, Verdict.SUSPICIOUS, "", T0), List.of(), Actor.system()),
                  T0);
      store().append(id, state.version(), next.events(), next.after());
      expected.addAll(next.events());
      state = next.after();
    }
    assertEquals(
        "uri=fabrikam.example/pay",
        ((Url) store().load(id).orElseThrow().evidence().get(0).entity()).url().value(),
        "STORE-1: a URL is kept as given");
    assertEquals(next.after(), store().load(id).orElseThrow(), "STORE-1: load");
    assertEquals(expected, store().events(id), "STORE-1: events");
    assertEquals(
        next.after(),
        Investigation.replay(store().events(id)),
        "STORE-1: the events rebuild the state");
  }

  @Test
  @DisplayName("STORE-4: no appended event is lost")
  void store4_noEventIsLost() {
    rule("STORE-4", false);
    InvestigationId id = newId("s4");
    Investigation state = create(id);
    for (int i = 0; i < 30; i++) {
      state =
          apply(
              state,
              propose(
                  new RunAntivirusScan(device("s4-" + i), ScanType.QUICK),
                  ApprovalMode.AUTOMATIC,
                  Actor.system()),
              T0.plusSeconds(i));
    }
    assertEquals(state.version(), store().events(id).size(), "STORE-4: events lost");
    assertEquals(31, store().load(id).orElseThrow().version(), "STORE-4: version");
  }

  @Test
  @DisplayName(
      "STORE-9: events of another investigation, or a mismatched state, are refused and nothing is written")
  void store9_foreignEventsAreRefused() {
    rule("STORE-9", false);
    InvestigationId id = newId("s9");
    Investigation state = create(id);
    Investigation other = create(newId("s9-other"));
    Decision.Accepted foreign = isolation(other, "s9", ApprovalMode.AUTOMATIC);
    assertThrows(
        InvalidInputException.class,
        () -> store().append(id, state.version(), foreign.events(), foreign.after()),
        "STORE-9: foreign events");
    Decision.Accepted mine = isolation(state, "s9", ApprovalMode.AUTOMATIC);
    assertThrows(
        InvalidInputException.class,
        () -> store().append(id, state.version(), mine.events(), state),
        "STORE-9: after state at the wrong version");
    assertEquals(1, store().events(id).size(), "STORE-9: something was written");
  }

  // ---- Concurrency
  // -------------------------------------------------------------------------------

  @Test
  @DisplayName("STORE-2: a stale expected version is refused and nothing is written")
  void store2_staleVersionIsRefused() {
    rule("STORE-2", false);
    InvestigationId id = newId("s2");
    Investigation state = create(id);
    Decision.Accepted first = isolation(state, "s2a", ApprovalMode.AUTOMATIC);
    store().append(state.id(), state.version(), first.events(), first.after());
    Decision.Accepted stale = isolation(state, "s2b", ApprovalMode.AUTOMATIC);
    assertThrows(
        ConcurrencyConflictException.class,
        () -> store().append(id, state.version(), stale.events(), stale.after()),
        "STORE-2: stale append accepted");
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
      results.add(
          pool.submit(
              () -> {
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

  // ---- Queries
  // -----------------------------------------------------------------------------------

  @Test
  @DisplayName("STORE-6: paging returns every matching action exactly once, in order")
  void store6_pagesReturnEachActionOnce() {
    rule("STORE-6", false);
    InvestigationId id = newId("s6");
    Investigation state = create(id);
    for (int i = 0; i < 23; i++) {
      state =
          apply(
              state,
              propose(
                  new IsolateDevice(device("s6-" + i), IsolationType.FULL),
                  ApprovalMode.REQUIRES_APPROVAL,
                  Actor.system()),
              T0.plus(Duration.ofMinutes(i)));
    }
    for (boolean newestFirst : new boolean[] {false, true}) {
      ActionQuery query =
          ActionQuery.all().investigation(id).limit(5).newestFirst(newestFirst).build();
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
      assertEquals(
          expected, seen, "STORE-6: every action once, in order (newestFirst=" + newestFirst + ")");
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
    state =
        apply(
            state,
            propose(
                new IsolateDevice(target, IsolationType.FULL),
                ApprovalMode.REQUIRES_APPROVAL,
                Actor.system()),
            T0);
    state =
        apply(
            state,
            propose(
                new RunAntivirusScan(target, ScanType.FULL),
                ApprovalMode.REQUIRES_APPROVAL,
                analyst),
            T0.plus(Duration.ofHours(1)));
    state =
        apply(
            state,
            propose(
                new IsolateDevice(device("s7-other"), IsolationType.FULL),
                ApprovalMode.AUTOMATIC,
                Actor.system()),
            T0.plus(Duration.ofHours(2)));
    apply(
        state,
        new Command.ProposeAction(
            new Command.Proposal(
                new PlannedAction(
                    new RunAntivirusScan(device("s7-other"), ScanType.QUICK),
                    ApprovalMode.AUTOMATIC,
                    "contract"),
                ApprovalRule.SINGLE),
            analyst,
            "from the session",
            ActionSource.LIVE_RESPONSE),
        T0.plus(Duration.ofHours(3)));
    assertEquals(
        Set.of(1, 2),
        sequences(ActionQuery.pending().investigation(id).build()),
        "STORE-7: status");
    assertEquals(
        Set.of(1, 3),
        sequences(
            ActionQuery.all()
                .investigation(id)
                .kinds(EnumSet.of(ActionKind.ISOLATE_DEVICE))
                .build()),
        "STORE-7: kind");
    assertEquals(
        Set.of(2),
        sequences(
            ActionQuery.all()
                .investigation(id)
                .sources(EnumSet.of(ActionSource.MANUAL_DEVICE_ACTION))
                .build()),
        "STORE-7: source");
    assertEquals(
        Set.of(1, 3),
        sequences(
            ActionQuery.all()
                .investigation(id)
                .sources(EnumSet.of(ActionSource.AUTOMATED_DEVICE_INVESTIGATION))
                .build()),
        "STORE-7: source");
    assertEquals(
        Set.of(2, 4),
        sequences(
            ActionQuery.all()
                .investigation(id)
                .sources(EnumSet.of(ActionSource.MANUAL_DEVICE_ACTION, ActionSource.LIVE_RESPONSE))
                .build()),
        "STORE-7: sources");
    assertEquals(
        Set.of(1, 2), sequences(ActionQuery.all().entity(target.key()).build()), "STORE-7: entity");
    assertEquals(
        Set.of(2),
        sequences(
            ActionQuery.all()
                .investigation(id)
                .proposedFrom(T0.plus(Duration.ofMinutes(30)))
                .proposedTo(T0.plus(Duration.ofMinutes(90)))
                .build()),
        "STORE-7: time");
    assertEquals(
        Set.of(),
        sequences(
            ActionQuery.all().investigation(id).families(EnumSet.of(EntityFamily.EMAIL)).build()),
        "STORE-7: family");
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
    assertThrows(
        InvalidInputException.class,
        () -> store().queryActions(ActionQuery.pending().cursor("not a cursor \u00e9").build()),
        "STORE-8");
  }

  @Test
  @DisplayName("STORE-10: an unknown investigation loads empty")
  void store10_unknownInvestigationIsEmpty() {
    rule("STORE-10", false);
    InvestigationId id = newId("s10-missing");
    assertTrue(store().load(id).isEmpty(), "STORE-10: load");
    assertTrue(store().events(id).isEmpty(), "STORE-10: events");
  }

  // ---- Text
  // --------------------------------------------------------------------------------------

  private final Sha256 hash =
      Sha256.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  @Test
  @DisplayName(
      "STORE-22: free text is answered exactly as appended: unpaired surrogates, bidirectional and invisible"
          + " characters, emoji, combining marks")
  void store22_freeTextIsKeptExactly() {
    rule("STORE-22", false);
    Actor analyst = Actor.principal(PrincipalName.of("tck-analyst@contoso.com"));
    List<String> texts = HostileText.freeText();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      String reason = text.isEmpty() ? "contract" : text;
      InvestigationId id = newId("s22-" + i);
      Investigation state = create(id);
      List<InvestigationEvent> events = new ArrayList<>(store().events(id));
      Device target = device("s22-" + i);
      Command.Proposal proposal =
          new Command.Proposal(
              new PlannedAction(
                  new IsolateDevice(target, IsolationType.FULL),
                  ApprovalMode.REQUIRES_APPROVAL,
                  reason),
              ApprovalRule.SINGLE);
      Decision.Accepted recorded =
          (Decision.Accepted)
              state.decide(
                  new Command.RecordEvidence(
                      Evidence.of(target, Verdict.MALICIOUS, text, T0),
                      List.of(proposal),
                      Actor.system()),
                  T0);
      store().append(id, state.version(), recorded.events(), recorded.after());
      events.addAll(recorded.events());
      state = recorded.after();
      if (!text.isEmpty()) { // an app's display name and publisher are free text its author chose
        OAuthApplication app =
            OAuthApplication.of(ApplicationId.of("4f2a9e6c-1b3d-4c5e-8f70-a1b2c3d4e5f6"))
                .withDisplayName(text)
                .withPublisher(text);
        Decision.Accepted named =
            (Decision.Accepted)
                state.decide(
                    new Command.RecordEvidence(
                        Evidence.of(app, Verdict.UNKNOWN, "", T0), List.of(), Actor.system()),
                    T0);
        store().append(id, state.version(), named.events(), named.after());
        events.addAll(named.events());
        state = named.after();
      }
      Decision.Accepted rejected =
          (Decision.Accepted)
              state.decide(new Command.Reject(state.actions().get(0).id(), analyst, text), T0);
      store().append(id, state.version(), rejected.events(), rejected.after());
      events.addAll(rejected.events());
      state = rejected.after();

      String where = "STORE-22: text " + i + " " + codeUnits(text);
      Investigation loaded = store().load(id).orElseThrow();
      assertExact(text, loaded.evidence().get(0).detail(), where + ", evidence detail");
      if (!text.isEmpty()) {
        OAuthApplication app = (OAuthApplication) loaded.evidence().get(1).entity();
        assertExact(text, String.valueOf(app.displayName()), where + ", app display name");
        assertExact(text, String.valueOf(app.publisher()), where + ", app publisher");
      }
      assertExact(reason, loaded.actions().get(0).reason(), where + ", action reason");
      assertExact(text, loaded.actions().get(0).note(), where + ", action note");
      assertEquals(state, loaded, where + ", load");
      assertEquals(events, store().events(id), where + ", events");
      List<ActionRecord> answered =
          store().queryActions(ActionQuery.all().investigation(id).build()).items();
      assertEquals(1, answered.size(), where + ", query");
      assertExact(reason, answered.get(0).reason(), where + ", queried reason");
      assertExact(text, answered.get(0).note(), where + ", queried note");
      assertEquals(state.actions().get(0), answered.get(0), where + ", queried action");
    }
  }

  @Test
  @DisplayName(
      "STORE-23: an entity query answers that entity's actions only, keys compared exactly whatever"
          + " characters they hold")
  void store23_entityKeysAreComparedExactly() {
    rule("STORE-23", false);
    InvestigationId id = newId("s23");
    Investigation state = create(id);
    DeviceId device = DeviceId.of("tck-" + run + "-s23");
    Map<EntityKey, Integer> sequences = new LinkedHashMap<>();
    for (String spelling : HostileText.nameSpellings()) {
      WindowsPath path;
      try {
        path = WindowsPath.of("C:\\Users\\" + spelling + "\\invoice.pdf.exe");
      } catch (IllegalArgumentException | InvalidInputException refused) {
        continue; // a spelling identifiers refuse reaches no store
      }
      DeviceFile file = DeviceFile.onDevice(hash, device, path);
      if (sequences.containsKey(file.key())) {
        continue; // a spelling the key folds into one already proposed (paths compare ignoring
        // case)
      }
      state =
          apply(
              state,
              propose(new QuarantineFile(file), ApprovalMode.REQUIRES_APPROVAL, Actor.system()),
              T0);
      sequences.put(file.key(), state.actions().size());
    }
    assertTrue(
        sequences.size() >= 15, "STORE-23: too few distinct keys to compare: " + sequences.size());
    for (Map.Entry<EntityKey, Integer> entity : sequences.entrySet()) {
      String where = "STORE-23: entity " + codeUnits(entity.getKey().value());
      List<ActionRecord> answered =
          store().queryActions(ActionQuery.all().entity(entity.getKey()).build()).items();
      List<Integer> answeredSequences = new ArrayList<>();
      answered.forEach(a -> answeredSequences.add(a.id().sequence()));
      assertEquals(List.of(entity.getValue()), answeredSequences, where + ": the actions answered");
      assertExact(
          entity.getKey().value(),
          answered.get(0).action().target().key().value(),
          where + ": the key answered");
    }
    assertEquals(state, store().load(id).orElseThrow(), "STORE-23: load");
  }

  private void assertExact(String expected, String actual, String where) {
    if (!expected.equals(actual)) {
      throw new AssertionError(
          where + ": expected " + codeUnits(expected) + " but was " + codeUnits(actual));
    }
  }

  /**
   * {@return {@code text} with every character outside printable ASCII written as its UTF-16 code
   * unit}
   */
  private String codeUnits(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16).append('"');
    for (int i = 0; i < text.length() && i < 120; i++) {
      char c = text.charAt(i);
      out.append(
          c >= 0x20 && c < 0x7f
              ? String.valueOf(c)
              : String.format(Locale.ROOT, "<%04X>", (int) c));
    }
    return out.append(text.length() > 120 ? "...\"" : "\"").toString();
  }

  // ---- Dispatch leases
  // ---------------------------------------------------------------------------

  /** {@return a stored, approved action to claim} */
  private ActionId storedAction(String name) {
    InvestigationId id = newId(name);
    Investigation state = create(id);
    Decision.Accepted proposed = isolation(state, name, ApprovalMode.AUTOMATIC);
    store().append(id, state.version(), proposed.events(), proposed.after());
    return proposed.after().actions().get(0).id();
  }

  @Test
  @DisplayName(
      "STORE-12: a claim is granted once; another owner is refused while it runs; the holder renews")
  void store12_claimIsExclusiveAndRenewable() {
    rule("STORE-12", false);
    ActionId action = storedAction("s12");
    assertTrue(
        store().claim(action, "runtime-a", T0, LEASE), "STORE-12: an unheld action was refused");
    assertFalse(
        store().claim(action, "runtime-b", T0.plusSeconds(10), LEASE),
        "STORE-12: a held action was granted");
    assertTrue(
        store().claim(action, "runtime-a", T0.plusSeconds(20), LEASE),
        "STORE-12: the holder could not renew");
    assertFalse(
        store().claim(action, "runtime-b", T0.plusSeconds(40), LEASE),
        "STORE-12: the renewal did not extend the lease");
    assertFalse(
        store().claim(new ActionId(newId("s12-missing"), 1), "runtime-a", T0, LEASE),
        "STORE-12: an unknown action was granted");
    assertThrows(
        InvalidInputException.class,
        () -> store().claim(action, "runtime-a", T0, Duration.ZERO),
        "STORE-12: a zero lease");
    assertThrows(
        InvalidInputException.class,
        () -> store().claim(action, "", T0, LEASE),
        "STORE-12: an empty owner");
  }

  @Test
  @DisplayName(
      "STORE-13: a lease ends at now plus its length; then another owner claims the action")
  void store13_leaseEnds() {
    rule("STORE-13", false);
    ActionId action = storedAction("s13");
    assertTrue(store().claim(action, "runtime-a", T0, LEASE));
    assertFalse(
        store().claim(action, "runtime-b", T0.plus(LEASE).minusMillis(1), LEASE),
        "STORE-13: granted before the lease ended");
    assertTrue(
        store().claim(action, "runtime-b", T0.plus(LEASE), LEASE),
        "STORE-13: refused after the lease ended");
    assertFalse(
        store().claim(action, "runtime-a", T0.plus(LEASE).plusSeconds(1), LEASE),
        "STORE-13: the old holder took it back");
  }

  @Test
  @DisplayName(
      "STORE-14: release by the holder frees the action; release by another owner changes nothing")
  void store14_releaseFreesOnlyForTheHolder() {
    rule("STORE-14", false);
    ActionId action = storedAction("s14");
    assertTrue(store().claim(action, "runtime-a", T0, LEASE));
    store().release(action, "runtime-b");
    assertFalse(
        store().claim(action, "runtime-b", T0.plusSeconds(1), LEASE),
        "STORE-14: another owner released it");
    store().release(action, "runtime-a");
    assertTrue(
        store().claim(action, "runtime-b", T0.plusSeconds(2), LEASE),
        "STORE-14: release did not free it");
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
    assertFalse(
        store().claim(action, "runtime-b", T0.plusSeconds(2), LEASE),
        "STORE-16: starting ended the lease");
    apply(state, new Command.Succeed(action, "done"), T0.plusSeconds(3));
    assertTrue(
        store().claim(action, "runtime-b", T0.plusSeconds(4), LEASE),
        "STORE-16: succeeding kept the lease");
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
      results.add(
          pool.submit(
              () -> {
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

  // ---- Due work
  // ----------------------------------------------------------------------------------

  private final PrincipalName approver = PrincipalName.of("tck-approver@contoso.com");

  /** {@return a new investigation opened at {@code at}, with the default pending expiry} */
  private Investigation openAt(InvestigationId id, Instant at) {
    Decision.Accepted opened =
        Investigation.open(
            id,
            AlertId.of("tck"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            at);
    store().append(id, 0, opened.events(), opened.after());
    return opened.after();
  }

  /** {@return the command to propose isolating device {@code name}} */
  private Command isolate(
      String name,
      ApprovalMode mode,
      ApprovalRule rule,
      @Nullable Duration timeBox,
      @Nullable Duration expiry) {
    return new Command.ProposeAction(
        new Command.Proposal(
            new PlannedAction(
                new IsolateDevice(device(name), IsolationType.FULL), mode, "contract"),
            rule,
            timeBox,
            expiry),
        Actor.system());
  }

  private Command automatic(String name, @Nullable Duration timeBox) {
    return isolate(name, ApprovalMode.AUTOMATIC, ApprovalRule.SINGLE, timeBox, null);
  }

  private Command pending(String name, @Nullable Duration expiry) {
    return isolate(name, ApprovalMode.REQUIRES_APPROVAL, ApprovalRule.SINGLE, null, expiry);
  }

  private ActionId last(Investigation state) {
    return state.actions().get(state.actions().size() - 1).id();
  }

  /**
   * {@return what {@code due} answers {@code owner} at {@code now}, of the actions of {@code ids}
   * only}, after checking that nothing it answers, of any investigation, is due after {@code now}.
   */
  private List<ActionRecord> dueOf(
      Set<InvestigationId> ids, Instant now, String owner, String rule) {
    List<ActionRecord> mine = new ArrayList<>();
    for (ActionRecord action : store().due(now, owner, InvestigationStore.MAX_DUE)) {
      Optional<Obligation> obligation = action.obligation();
      assertTrue(
          obligation.isPresent() && !obligation.get().due().isAfter(now),
          rule + ": answered " + action + " at " + now + ", its obligation is " + obligation);
      if (ids.contains(action.id().investigation())) {
        mine.add(action);
      }
    }
    return mine;
  }

  /**
   * {@return the sequences of {@code id}'s actions that {@code due} answers {@code owner} at {@code
   * now}}
   */
  private Set<Integer> dueSequences(InvestigationId id, Instant now, String owner, String rule) {
    Set<Integer> sequences = new HashSet<>();
    dueOf(Set.of(id), now, owner, rule).forEach(a -> sequences.add(a.id().sequence()));
    return sequences;
  }

  /** Settles every action of {@code state} that something is due for, so that nothing stays due. */
  private void settle(Investigation state, Instant at) {
    Investigation current = state;
    for (ActionRecord action : state.actions()) {
      ActionId id = action.id();
      switch (action.status()) {
        case PENDING_APPROVAL ->
            current = apply(current, new Command.Reject(id, Actor.system(), "contract"), at);
        case APPROVED, IN_PROGRESS ->
            current = apply(current, new Command.Cancel(id, Actor.system(), "contract", true), at);
        case UNDO_IN_PROGRESS ->
            current = apply(current, new Command.CompleteUndo(id, "contract"), at);
        case SUCCEEDED -> {
          if (action.timeBox() != null) {
            current = apply(current, new Command.RequestUndo(id, Actor.system(), "contract"), at);
            current = apply(current, new Command.CompleteUndo(id, "contract"), at);
          }
        }
        default -> {
          // settled: nothing is due
        }
      }
    }
  }

  @Test
  @DisplayName(
      "STORE-17: due answers exactly the actions due at or before now: none early, none missing")
  void store17_dueAnswersExactlyWhatIsDue() {
    rule("STORE-17", false);
    InvestigationId id = newId("s17");
    Investigation state = openAt(id, D0);
    // pending, expiring a quarter second and a nanosecond past a whole second: a store comparing
    // seconds or milliseconds answers it early
    Duration expiry = Duration.ofHours(1).plusMillis(250).plusNanos(1);
    state = apply(state, pending("s17-1", expiry), D0);
    state = apply(state, automatic("s17-2", null), D0.plus(Duration.ofMinutes(10)));
    state = apply(state, automatic("s17-3", null), D0.plus(Duration.ofMinutes(20)));
    state = apply(state, new Command.Start(last(state)), D0.plus(Duration.ofMinutes(30)));
    state = apply(state, automatic("s17-4", Duration.ofHours(2)), D0.plus(Duration.ofMinutes(40)));
    state = apply(state, new Command.Start(last(state)), D0.plus(Duration.ofMinutes(45)));
    state = apply(state, new Command.Succeed(last(state), "done"), D0.plus(Duration.ofMinutes(50)));
    state = apply(state, automatic("s17-5", null), D0.plus(Duration.ofMinutes(50)));
    state = apply(state, new Command.Start(last(state)), D0.plus(Duration.ofMinutes(51)));
    state = apply(state, new Command.Succeed(last(state), "done"), D0.plus(Duration.ofMinutes(52)));
    state = apply(state, pending("s17-6", null), D0.plus(Duration.ofMinutes(55)));
    state =
        apply(
            state,
            new Command.Reject(last(state), Actor.system(), "no"),
            D0.plus(Duration.ofMinutes(56)));
    state = apply(state, automatic("s17-7", null), D0.plus(Duration.ofMinutes(56)));
    state = apply(state, new Command.Start(last(state)), D0.plus(Duration.ofMinutes(57)));
    state = apply(state, new Command.Succeed(last(state), "done"), D0.plus(Duration.ofMinutes(58)));
    state =
        apply(
            state,
            new Command.RequestUndo(last(state), Actor.system(), "undo"),
            D0.plus(Duration.ofMinutes(90)));
    // an expiry, a dispatch, a dispatch to resume (due since its proposal), a time box that ends,
    // nothing,
    // nothing, an undo (due since its action's proposal)
    List<@Nullable Instant> dueAt =
        Arrays.asList(
            D0.plus(expiry),
            D0.plus(Duration.ofMinutes(10)),
            D0.plus(Duration.ofMinutes(20)),
            D0.plus(Duration.ofMinutes(170)),
            null,
            null,
            D0.plus(Duration.ofMinutes(56)));
    List<Instant> probes =
        new ArrayList<>(List.of(D0.minusNanos(1), D0, D0.plus(Duration.ofDays(30))));
    for (int i = 0; i < dueAt.size(); i++) {
      Instant at = dueAt.get(i);
      assertEquals(
          Optional.ofNullable(at),
          state.actions().get(i).obligation().map(Obligation::due),
          "the obligation of action " + (i + 1) + " (the test's own expectation)");
      if (at != null) {
        probes.add(at.minusNanos(1));
        probes.add(at);
      }
    }
    for (Instant now : probes) {
      Set<Integer> expected = new HashSet<>();
      for (int i = 0; i < dueAt.size(); i++) {
        Instant at = dueAt.get(i);
        if (at != null && !at.isAfter(now)) {
          expected.add(i + 1);
        }
      }
      List<ActionRecord> answered = dueOf(Set.of(id), now, OWNER, "STORE-17");
      Set<Integer> sequences = new HashSet<>();
      for (ActionRecord action : answered) {
        sequences.add(action.id().sequence());
        assertEquals(
            state.action(action.id()).orElseThrow(), action, "STORE-17: not the stored action");
      }
      assertEquals(expected, sequences, "STORE-17: the actions due at " + now);
      assertEquals(
          sequences.size(), answered.size(), "STORE-17: an action answered twice at " + now);
    }
    settle(state, D0.plus(Duration.ofDays(30)));
  }

  @Test
  @DisplayName(
      "STORE-18: due answers earliest due first, ties by investigation then sequence, the first limit of them")
  void store18_dueIsOrderedAndLimited() {
    rule("STORE-18", false);
    InvestigationId a = newId("s18-a");
    InvestigationId b = newId("s18-b");
    // b, opened first: its second action is due before its first
    Investigation inB = openAt(b, D0);
    inB = apply(inB, pending("s18-b1", Duration.ofMinutes(30)), D0);
    inB = apply(inB, pending("s18-b2", Duration.ofMinutes(1)), D0);
    inB = apply(inB, automatic("s18-b3", null), D0.plus(Duration.ofMinutes(5)));
    // a: two actions due with b's third, and one a nanosecond after it
    Investigation inA = openAt(a, D0);
    inA = apply(inA, pending("s18-a1", Duration.ofMinutes(20)), D0);
    inA = apply(inA, automatic("s18-a2", null), D0.plus(Duration.ofMinutes(5)));
    inA = apply(inA, automatic("s18-a3", null), D0.plus(Duration.ofMinutes(5)));
    inA = apply(inA, automatic("s18-a4", null), D0.plus(Duration.ofMinutes(5)).plusNanos(1));
    List<ActionId> expected =
        List.of(
            new ActionId(b, 2),
            new ActionId(a, 2),
            new ActionId(a, 3),
            new ActionId(b, 3),
            new ActionId(a, 4),
            new ActionId(a, 1),
            new ActionId(b, 1));
    Instant now = D0.plus(Duration.ofHours(1));
    List<ActionId> order = new ArrayList<>();
    dueOf(Set.of(a, b), now, OWNER, "STORE-18").forEach(action -> order.add(action.id()));
    assertEquals(expected, order, "STORE-18: order");
    List<ActionRecord> all = store().due(now, OWNER, InvestigationStore.MAX_DUE);
    for (int limit = 1; limit <= expected.size() + 1; limit++) {
      List<ActionRecord> first = store().due(now, OWNER, limit);
      assertEquals(
          all.subList(0, Math.min(limit, all.size())), first, "STORE-18: the first " + limit);
    }
    for (int page = 1;
        page <= all.size();
        page++) { // paged by the last action answered: each exactly once
      List<ActionRecord> paged = new ArrayList<>();
      ActionRecord after = null;
      for (int reads = 0;
          reads <= all.size() + 1;
          reads++) { // a store that ignores after would never end
        List<ActionRecord> next = store().due(now, OWNER, after, page);
        paged.addAll(next);
        if (next.size() < page) {
          break;
        }
        after = next.get(next.size() - 1);
      }
      assertEquals(
          all, paged, "STORE-18: pages of " + page + " after the previous page's last action");
    }
    assertEquals(
        List.of(new ActionId(b, 2)),
        ids(dueOf(Set.of(a, b), D0.plus(Duration.ofMinutes(4)), OWNER, "STORE-18")),
        "STORE-18: before the ties");
    settle(inA, now);
    settle(inB, now);
  }

  private List<ActionId> ids(List<ActionRecord> actions) {
    List<ActionId> ids = new ArrayList<>();
    actions.forEach(action -> ids.add(action.id()));
    return ids;
  }

  @Test
  @DisplayName(
      "STORE-19: another owner's lease hides an action until it ends; the caller's own lease does not")
  void store19_leasesHideFromOtherOwners() {
    rule("STORE-19", false);
    InvestigationId id = newId("s19");
    Investigation state = openAt(id, D0);
    state = apply(state, automatic("s19-1", null), D0);
    ActionId approved = last(state);
    state =
        apply(
            state,
            isolate(
                "s19-2",
                ApprovalMode.REQUIRES_APPROVAL,
                new ApprovalRule(2, true),
                null,
                Duration.ofHours(1)),
            D0);
    ActionId waiting = last(state);
    Instant claimed = D0.plus(Duration.ofMinutes(1));
    assertEquals(
        Set.of(1), dueSequences(id, claimed, OWNER, "STORE-19"), "STORE-19: before any lease");
    assertTrue(store().claim(approved, "runtime-b", claimed, LEASE));
    assertEquals(
        Set.of(), dueSequences(id, claimed, OWNER, "STORE-19"), "STORE-19: another owner's lease");
    assertEquals(
        Set.of(1),
        dueSequences(id, claimed, "runtime-b", "STORE-19"),
        "STORE-19: the caller's own lease");
    assertEquals(
        Set.of(),
        dueSequences(id, claimed.plus(LEASE).minusNanos(1), OWNER, "STORE-19"),
        "STORE-19: just before the lease ends");
    assertEquals(
        Set.of(1),
        dueSequences(id, claimed.plus(LEASE), OWNER, "STORE-19"),
        "STORE-19: when the lease ends");
    Instant again = D0.plus(Duration.ofMinutes(2));
    assertTrue(store().claim(approved, "runtime-b", again, LEASE));
    assertEquals(Set.of(), dueSequences(id, again, OWNER, "STORE-19"), "STORE-19: a second lease");
    store().release(approved, "runtime-b");
    assertEquals(Set.of(1), dueSequences(id, again, OWNER, "STORE-19"), "STORE-19: released");
    // a lease on a pending action, through an approval that leaves it pending
    Duration longLease = Duration.ofHours(2);
    Instant held = D0.plus(Duration.ofMinutes(10));
    assertTrue(store().claim(waiting, "runtime-b", held, longLease));
    state =
        apply(
            state,
            new Command.Approve(waiting, approver, "one of two"),
            D0.plus(Duration.ofMinutes(20)));
    Instant expiry = D0.plus(Duration.ofHours(1));
    assertEquals(
        Set.of(1),
        dueSequences(id, expiry, OWNER, "STORE-19"),
        "STORE-19: an append that left the action pending ended another owner's lease");
    assertEquals(
        Set.of(1, 2),
        dueSequences(id, expiry, "runtime-b", "STORE-19"),
        "STORE-19: the holder's pending action");
    assertEquals(
        Set.of(1, 2),
        dueSequences(id, held.plus(longLease), OWNER, "STORE-19"),
        "STORE-19: when the lease on the pending action ends");
    settle(state, held.plus(longLease));
  }

  @Test
  @DisplayName(
      "STORE-20: due reflects an append once it returns: a moved obligation moves, an ended one is gone")
  void store20_dueReflectsAppends() {
    rule("STORE-20", false);
    InvestigationId id = newId("s20");
    Investigation state = openAt(id, D0);
    // 1: succeeded with a one-hour time box, extended by half an hour, then ended and undone
    state = apply(state, automatic("s20-1", Duration.ofHours(1)), D0);
    ActionId boxed = last(state);
    state = apply(state, new Command.Start(boxed), D0.plus(Duration.ofMinutes(1)));
    assertEquals(
        Set.of(1),
        dueSequences(id, D0.plus(Duration.ofMinutes(1)), OWNER, "STORE-20"),
        "STORE-20: started");
    state = apply(state, new Command.Succeed(boxed, "done"), D0.plus(Duration.ofMinutes(2)));
    Instant boxEnds = D0.plus(Duration.ofMinutes(62));
    assertEquals(
        Set.of(),
        dueSequences(id, boxEnds.minusNanos(1), OWNER, "STORE-20"),
        "STORE-20: succeeded");
    assertEquals(
        Set.of(1), dueSequences(id, boxEnds, OWNER, "STORE-20"), "STORE-20: the time box ends");
    state =
        apply(
            state,
            new Command.ExtendTimeBox(boxed, Duration.ofMinutes(30), approver, "longer"),
            D0.plus(Duration.ofMinutes(10)));
    Instant extendedEnds = boxEnds.plus(Duration.ofMinutes(30));
    assertEquals(
        Set.of(), dueSequences(id, boxEnds, OWNER, "STORE-20"), "STORE-20: an extended time box");
    assertEquals(
        Set.of(),
        dueSequences(id, extendedEnds.minusNanos(1), OWNER, "STORE-20"),
        "STORE-20: an extended time box");
    List<ActionRecord> answered = dueOf(Set.of(id), extendedEnds, OWNER, "STORE-20");
    assertEquals(
        List.of(state.action(boxed).orElseThrow()),
        answered,
        "STORE-20: the extended time box ends");
    // 2: pending, approved (due at once), started, succeeded without a time box
    state = apply(state, pending("s20-2", Duration.ofHours(1)), D0.plus(Duration.ofMinutes(11)));
    ActionId approved = last(state);
    Instant approval = D0.plus(Duration.ofMinutes(20));
    assertEquals(Set.of(), dueSequences(id, approval, OWNER, "STORE-20"), "STORE-20: pending");
    state = apply(state, new Command.Approve(approved, approver, "yes"), approval);
    assertEquals(
        Set.of(2),
        dueSequences(id, approval, OWNER, "STORE-20"),
        "STORE-20: approved, due at once");
    state = apply(state, new Command.Start(approved), approval.plus(Duration.ofMinutes(1)));
    assertEquals(
        Set.of(2),
        dueSequences(id, approval, OWNER, "STORE-20"),
        "STORE-20: started, due since its proposal");
    assertEquals(
        Set.of(),
        dueSequences(id, D0.plus(Duration.ofMinutes(11)).minusNanos(1), OWNER, "STORE-20"),
        "STORE-20: started, not due before its proposal");
    state =
        apply(state, new Command.Succeed(approved, "done"), approval.plus(Duration.ofMinutes(2)));
    // 3: pending, then rejected
    state = apply(state, pending("s20-3", null), D0.plus(Duration.ofMinutes(23)));
    ActionId rejected = last(state);
    Instant later = D0.plus(Duration.ofDays(30));
    assertEquals(
        Set.of(1, 3),
        dueSequences(id, later, OWNER, "STORE-20"),
        "STORE-20: succeeded without a time box");
    state =
        apply(
            state,
            new Command.Reject(rejected, Actor.system(), "no"),
            D0.plus(Duration.ofMinutes(24)));
    assertEquals(Set.of(1), dueSequences(id, later, OWNER, "STORE-20"), "STORE-20: rejected");
    state = apply(state, new Command.EndTimeBox(boxed), extendedEnds);
    assertEquals(
        Set.of(1),
        dueSequences(id, extendedEnds, OWNER, "STORE-20"),
        "STORE-20: an undo in progress");
    state = apply(state, new Command.CompleteUndo(boxed, "undone"), extendedEnds.plusSeconds(1));
    assertEquals(Set.of(), dueSequences(id, later, OWNER, "STORE-20"), "STORE-20: undone");
    settle(state, later);
  }

  @Test
  @DisplayName("STORE-21: a limit out of range or an invalid owner is refused, naming the limit")
  void store21_invalidArgumentsAreRefused() {
    rule("STORE-21", false);
    for (int limit :
        new int[] {0, -7, InvestigationStore.MAX_DUE + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      InvalidInputException refused =
          assertThrows(
              InvalidInputException.class,
              () -> store().due(D0, OWNER, limit),
              "STORE-21: limit " + limit);
      assertTrue(
          String.valueOf(refused.getMessage()).contains(Integer.toString(limit)),
          "STORE-21: the refusal does not name the limit " + limit + ": " + refused.getMessage());
    }
    for (String owner : List.of("", "runtime\na", "r".repeat(201))) {
      assertThrows(
          InvalidInputException.class,
          () -> store().due(D0, owner, 1),
          "STORE-21: owner " + owner.length() + " characters long");
    }
    InvestigationId id = newId("s21");
    Investigation state = openAt(id, D0);
    state = apply(state, pending("s21-1", null), D0);
    ActionId rejected = last(state);
    state = apply(state, new Command.Reject(rejected, Actor.system(), "no"), D0);
    ActionRecord settled = state.action(rejected).orElseThrow();
    InvalidInputException noObligation =
        assertThrows(
            InvalidInputException.class,
            () -> store().due(D0, OWNER, settled, 1),
            "STORE-21: after an action with no obligation");
    assertTrue(
        String.valueOf(noObligation.getMessage()).contains(rejected.toString()),
        "STORE-21: the refusal does not name the action "
            + rejected
            + ": "
            + noObligation.getMessage());
    assertTrue(store().due(D0, OWNER, 1).size() <= 1, "STORE-21: limit 1");
    assertTrue(
        store().due(D0, OWNER, InvestigationStore.MAX_DUE).size() <= InvestigationStore.MAX_DUE,
        "STORE-21: the largest limit");
  }

  // ---- The audit chain
  // ---------------------------------------------------------------------------

  /** Opens, proposes an isolation that waits for approval, and approves it: three events. */
  private Investigation approved(InvestigationId id) {
    Investigation state = create(id);
    state =
        apply(
            state,
            propose(
                new IsolateDevice(device(id.value()), IsolationType.FULL),
                ApprovalMode.REQUIRES_APPROVAL,
                Actor.system()),
            T0);
    return apply(
        state,
        new Command.Approve(state.actions().get(0).id(), approver, "approved"),
        T0.plusSeconds(1));
  }

  @Test
  @DisplayName(
      "STORE-24: append stores each event's hash, linked to the hash stored before it, and answers the head")
  void store24_appendStoresAndAnswersTheChainHead() {
    rule("STORE-24", false);
    InvestigationId id = newId("s22");
    Decision.Accepted opened =
        Investigation.open(
            id,
            AlertId.of("tck"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            T0);
    List<ChainHash> expected =
        new ArrayList<>(AuditTrail.links(ChainHash.GENESIS, 0, opened.events()));
    assertEquals(
        new ChainHead(1, expected.get(0)),
        store().append(id, 0, opened.events(), opened.after()),
        "STORE-24: the head of the first append");
    Investigation state = opened.after();
    for (int round = 0; round < 3; round++) {
      // an append of one event that wins a race, the loser's append refused, then one append of two
      // decisions' events together
      Decision.Accepted winner =
          (Decision.Accepted)
              state.decide(
                  propose(
                      new IsolateDevice(device("s22-" + round), IsolationType.FULL),
                      ApprovalMode.REQUIRES_APPROVAL,
                      Actor.system()),
                  T0);
      Decision.Accepted loser =
          (Decision.Accepted)
              state.decide(
                  propose(
                      new IsolateDevice(device("s22-x" + round), IsolationType.SELECTIVE),
                      ApprovalMode.REQUIRES_APPROVAL,
                      Actor.system()),
                  T0);
      List<ChainHash> won =
          AuditTrail.links(expected.get(expected.size() - 1), state.version(), winner.events());
      expected.addAll(won);
      assertEquals(
          new ChainHead(winner.after().version(), won.get(won.size() - 1)),
          store().append(id, state.version(), winner.events(), winner.after()),
          "STORE-24: the head of an append");
      long raced = state.version();
      assertThrows(
          ConcurrencyConflictException.class,
          () -> store().append(id, raced, loser.events(), loser.after()),
          "STORE-2");
      state = winner.after();
      Decision.Accepted one =
          (Decision.Accepted)
              state.decide(
                  propose(
                      new RunAntivirusScan(device("s22-" + round), ScanType.QUICK),
                      ApprovalMode.AUTOMATIC,
                      Actor.system()),
                  T0);
      Decision.Accepted two =
          (Decision.Accepted)
              one.after()
                  .decide(
                      propose(
                          new RunAntivirusScan(device("s22-y" + round), ScanType.FULL),
                          ApprovalMode.AUTOMATIC,
                          Actor.system()),
                      T0);
      List<InvestigationEvent> both = new ArrayList<>(one.events());
      both.addAll(two.events());
      List<ChainHash> links =
          AuditTrail.links(expected.get(expected.size() - 1), state.version(), both);
      expected.addAll(links);
      assertEquals(
          new ChainHead(two.after().version(), links.get(links.size() - 1)),
          store().append(id, state.version(), both, two.after()),
          "STORE-24: the head of an append of " + both.size() + " events, after a refused one");
      state = two.after();
    }
    List<ChainHash> stored = new ArrayList<>();
    store().chain(id).forEach(record -> stored.add(record.hash()));
    assertEquals(expected, stored, "STORE-24: the hashes stored");
  }

  @Test
  @DisplayName(
      "STORE-25: chain answers every event in version order with its stored hash; unknown is empty")
  void store25_chainAnswersTheStoredRecords() {
    rule("STORE-25", false);
    InvestigationId id = newId("s23");
    Investigation state = approved(id);
    List<AuditRecord> chain = store().chain(id);
    List<InvestigationEvent> events = new ArrayList<>();
    List<Long> versions = new ArrayList<>();
    chain.forEach(
        record -> {
          events.add(record.event());
          versions.add(record.version());
        });
    assertEquals(store().events(id), events, "STORE-25: the events of the chain");
    assertEquals(List.of(1L, 2L, 3L), versions, "STORE-25: the versions of the chain");
    assertEquals(
        new Verification.Intact((int) state.version(), 0, 0),
        AuditTrail.verify(chain),
        "STORE-25: every event stored by this store carries its hash, and the chain holds together");
    assertTrue(store().chain(newId("s23-missing")).isEmpty(), "STORE-25: an unknown investigation");
  }

  @Test
  @DisplayName("STORE-25: events appended without a head carry the hashes append would have stored")
  void store25_appendWithoutHeadStoresTheSameChain() {
    rule("STORE-25", false);
    InvestigationId id = newId("s23w");
    Decision.Accepted opened =
        Investigation.open(
            id,
            AlertId.of("tck"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            T0);
    store().appendWithoutHead(id, 0, opened.events(), opened.after());
    Decision.Accepted first = isolation(opened.after(), "s23w-1", ApprovalMode.REQUIRES_APPROVAL);
    store().appendWithoutHead(id, opened.after().version(), first.events(), first.after());
    Decision.Accepted second = isolation(first.after(), "s23w-2", ApprovalMode.REQUIRES_APPROVAL);
    ChainHead head = store().append(id, first.after().version(), second.events(), second.after());
    List<InvestigationEvent> events = new ArrayList<>(opened.events());
    events.addAll(first.events());
    events.addAll(second.events());
    List<ChainHash> expected = AuditTrail.links(ChainHash.GENESIS, 0, events);
    assertEquals(
        new ChainHead(events.size(), expected.get(expected.size() - 1)),
        head,
        "STORE-25: the head of an append after appends without one");
    assertEquals(
        expected,
        store().chain(id).stream().map(AuditRecord::hash).toList(),
        "STORE-25: the hashes of events appended without a head");
  }

  @Test
  @DisplayName(
      "STORE-26: an event changed behind the store's back keeps its stored hash, so verification names it")
  void store26_chainIsAnsweredAsStored() {
    rule("STORE-26", false);
    Optional<StorageEditor> editor = storageEditor();
    Assumptions.assumeTrue(
        editor.isPresent(),
        "STORE-26 needs storageEditor(): nothing outside this store can" + " change what it holds");
    InvestigationId id = newId("s24");
    approved(id);
    AuditRecord approval = store().chain(id).get(2);
    InvestigationEvent.ApprovalGranted original =
        (InvestigationEvent.ApprovalGranted) approval.event();
    InvestigationEvent forged =
        new InvestigationEvent.ApprovalGranted(
            id,
            original.at(),
            Actor.principal(PrincipalName.of("tck-someone-else@contoso.com")),
            original.actionId(),
            "approved",
            true);
    editor.orElseThrow().replaceEvent(id, 3, forged);
    List<AuditRecord> chain = store().chain(id);
    assertEquals(
        new AuditRecord(3, forged, approval.hash()),
        chain.get(2),
        "STORE-26: the changed event, with the hash stored for the original");
    Verification verification = AuditTrail.verify(chain);
    assertTrue(
        verification instanceof Verification.Broken broken
            && broken.version() == 3
            && broken.problem() == Verification.Problem.CHANGED,
        "STORE-26: verification found " + verification);
  }

  // ---- Recording a dispatch with its lease
  // ------------------------------------------------------------

  /** {@return the decision to start {@code action}, decided on {@code state} at {@code at}} */
  private static Decision.Accepted start(Investigation state, ActionId action, Instant at) {
    return (Decision.Accepted) state.decide(new Command.Start(action), at);
  }

  @Test
  @DisplayName(
      "STORE-27: an append that claims a lease stores its events and takes the lease; a lease"
          + " another owner holds refuses it whole")
  void store27_appendClaimingTakesTheLeaseOrNothing() {
    appendClaimingTakesTheLeaseOrNothing("s27", true);
  }

  @Test
  @DisplayName(
      "STORE-27: an append that claims a lease without answering the head stores its events and"
          + " takes the lease; a lease another owner holds refuses it whole")
  void store27_appendClaimingWithoutHeadTakesTheLeaseOrNothing() {
    appendClaimingTakesTheLeaseOrNothing("s27-no-head", false);
  }

  @Test
  @DisplayName(
      "STORE-27: an append that claims a lease but leaves its action neither approved, in progress"
          + " nor undoing takes none")
  void store27_appendClaimingLeavingTheActionInactiveTakesNoLease() {
    rule("STORE-27", false);
    InvestigationId id = newId("s27-expired");
    Investigation created = create(id);
    Decision.Accepted proposed = isolation(created, "s27-expired", ApprovalMode.REQUIRES_APPROVAL);
    store().append(id, created.version(), proposed.events(), proposed.after());
    Investigation pending = proposed.after();
    ActionId action = pending.actions().get(0).id();
    Instant later = T0.plus(Duration.ofDays(400)); // past any pending expiry
    Decision.Accepted expired =
        (Decision.Accepted) pending.decide(new Command.ExpirePending(), later);
    store()
        .appendClaiming(
            id,
            pending.version(),
            expired.events(),
            expired.after(),
            action,
            "runtime-a",
            later,
            LEASE);
    assertTrue(
        store().claim(action, "runtime-b", later.plusSeconds(1), LEASE),
        "STORE-27: an append that left the action expired took its lease");
  }

  private void appendClaimingTakesTheLeaseOrNothing(String name, boolean withHead) {
    rule("STORE-27", false);
    ActionId action = storedAction(name);
    InvestigationId id = action.investigation();
    Investigation state = store().load(id).orElseThrow();
    Decision.Accepted started = start(state, action, T0.plusSeconds(1));
    assertTrue(store().claim(action, "runtime-b", T0, LEASE));
    assertThrows(
        LeaseHeldException.class,
        () -> appendClaiming(withHead, state, started, action, T0.plusSeconds(1)),
        "STORE-27: appended while another owner held the lease");
    assertEquals(
        state.version(),
        store().load(id).orElseThrow().version(),
        "STORE-27: a refused append wrote events");
    assertFalse(
        store().claim(action, "runtime-a", T0.plusSeconds(2), LEASE),
        "STORE-27: a refused append took the lease from its holder");
    Instant free = T0.plus(LEASE);
    appendClaiming(withHead, state, started, action, free);
    assertEquals(
        started.after(), store().load(id).orElseThrow(), "STORE-27: load after the append");
    assertEquals(
        started.after().version(),
        store().chain(id).size(),
        "STORE-27: the chain after the append");
    assertFalse(
        store().claim(action, "runtime-b", free.plus(LEASE).minusMillis(1), LEASE),
        "STORE-27: another owner claimed the action while the lease ran");
    assertTrue(
        store().claim(action, "runtime-a", free.plusSeconds(1), LEASE),
        "STORE-27: the owner could not renew the lease it took");
  }

  /** Appends {@code started} claiming {@code action}'s lease for runtime-a at {@code now}. */
  private void appendClaiming(
      boolean withHead,
      Investigation state,
      Decision.Accepted started,
      ActionId action,
      Instant now) {
    InvestigationId id = state.id();
    if (withHead) {
      ChainHead head =
          store()
              .appendClaiming(
                  id,
                  state.version(),
                  started.events(),
                  started.after(),
                  action,
                  "runtime-a",
                  now,
                  LEASE);
      assertEquals(started.after().version(), head.version(), "STORE-27: the head answered");
    } else {
      store()
          .appendClaimingWithoutHead(
              id,
              state.version(),
              started.events(),
              started.after(),
              action,
              "runtime-a",
              now,
              LEASE);
    }
  }

  @Test
  @DisplayName(
      "STORE-28 (optional): an append that claims a lease and is refused for its version takes no"
          + " lease")
  void store28_refusedAppendClaimingTakesNoLease() throws NoSuchMethodException {
    rule("STORE-28", true);
    Assumptions.assumeFalse(
        store()
                .getClass()
                .getMethod(
                    "appendClaiming",
                    InvestigationId.class,
                    long.class,
                    List.class,
                    Investigation.class,
                    ActionId.class,
                    String.class,
                    Instant.class,
                    Duration.class)
                .getDeclaringClass()
            == InvestigationStore.class,
        "STORE-28: the store keeps the interface's default, which claims before it appends");
    ActionId action = storedAction("s28");
    InvestigationId id = action.investigation();
    Investigation state = store().load(id).orElseThrow();
    Decision.Accepted started = start(state, action, T0.plusSeconds(1));
    Decision.Accepted meanwhile = isolation(state, "s28-other", ApprovalMode.AUTOMATIC);
    store().append(id, state.version(), meanwhile.events(), meanwhile.after());
    assertThrows(
        ConcurrencyConflictException.class,
        () ->
            store()
                .appendClaiming(
                    id,
                    state.version(),
                    started.events(),
                    started.after(),
                    action,
                    "runtime-a",
                    T0.plusSeconds(1),
                    LEASE),
        "STORE-28: a stale version was appended");
    assertTrue(
        store().claim(action, "runtime-b", T0.plusSeconds(2), LEASE),
        "STORE-28: the refused append took the lease");
  }

  // ---- Appends fenced at a control change
  // ---------------------------------------------------------------------------

  @Test
  @DisplayName(
      "STORE-29: a fence at a negative control change is refused naming it; a store answers a"
          + " fenced view for every change or for none")
  void store29_fenceArgumentsAndPresence() {
    rule("STORE-29", false);
    InvalidInputException refused =
        assertThrows(InvalidInputException.class, () -> store().fencedAt(-1));
    assertTrue(
        refused.getMessage().contains("-1"), "STORE-29: the error names the value: " + refused);
    assertEquals(
        store().fencedAt(0).isPresent(),
        store().fencedAt(Long.MAX_VALUE).isPresent(),
        "STORE-29: a view for one change and not for another");
    store()
        .fencedAt(0)
        .ifPresent(
            view ->
                assertTrue(
                    view.controls().isPresent()
                        && store().controls().isPresent()
                        && view.controls().get() == store().controls().get(),
                    "STORE-29: a fenced view without its store's control state"));
  }

  @Test
  @DisplayName(
      "STORE-30 (optional): each append of a fenced view writes when no later control change is"
          + " recorded, and otherwise writes nothing, takes no lease and names the change it was"
          + " fenced at")
  void store30_fencedAppendsWriteOnlyBeforeALaterChange() {
    rule("STORE-30", true);
    Assumptions.assumeTrue(
        store().fencedAt(0).isPresent(),
        "STORE-30: the store answers no fenced view (its control state is kept elsewhere)");
    ControlStore controls = store().controls().orElseThrow();
    try {
      long seen = change(controls, ControlChange.Kind.PAUSE, "s30-seen");
      InvestigationStore fenced = store().fencedAt(seen).orElseThrow();
      for (FencedAppend append : FencedAppend.values()) {
        Pending before = prepared("s30-before-" + append.name().toLowerCase(Locale.ROOT), append);
        append.run(fenced, before);
        assertEquals(
            before.after(),
            store().load(before.id()).orElseThrow(),
            "STORE-30: " + append + " through a fenced view before any later change");
      }
      change(controls, ControlChange.Kind.PAUSE, "s30-later");
      for (FencedAppend append : FencedAppend.values()) {
        Pending after = prepared("s30-after-" + append.name().toLowerCase(Locale.ROOT), append);
        ControlsChangedException refused =
            assertThrows(
                ControlsChangedException.class,
                () -> append.run(fenced, after),
                "STORE-30: " + append + " through a fenced view after a later change");
        assertEquals(seen, refused.seen(), "STORE-30: the change the refused append was fenced at");
        assertEquals(
            after.stored(),
            store().load(after.id()),
            "STORE-30: " + append + " refused by the fence wrote");
        assertEquals(
            after.stored().map(Investigation::version).orElse(0L),
            (long) store().chain(after.id()).size(),
            "STORE-30: " + append + " refused by the fence moved the chain");
        if (after.action() != null) {
          assertTrue(
              store().claim(after.action(), "runtime-b", T0.plusSeconds(2), LEASE),
              "STORE-30: " + append + " refused by the fence took the lease");
        }
      }
    } finally {
      change(controls, ControlChange.Kind.RESUME, "s30-done"); // the group paused no more
    }
  }

  /** The appends of a fenced view, each run on an append prepared for it. */
  private enum FencedAppend {
    CREATE,
    APPEND,
    APPEND_WITHOUT_HEAD,
    APPEND_CLAIMING,
    APPEND_CLAIMING_WITHOUT_HEAD;

    void run(InvestigationStore store, Pending p) {
      ActionId action = p.action();
      switch (this) {
        case CREATE, APPEND -> store.append(p.id(), p.version(), p.events(), p.after());
        case APPEND_WITHOUT_HEAD ->
            store.appendWithoutHead(p.id(), p.version(), p.events(), p.after());
        case APPEND_CLAIMING ->
            store.appendClaiming(
                p.id(),
                p.version(),
                p.events(),
                p.after(),
                Objects.requireNonNull(action),
                "runtime-a",
                T0.plusSeconds(1),
                LEASE);
        case APPEND_CLAIMING_WITHOUT_HEAD ->
            store.appendClaimingWithoutHead(
                p.id(),
                p.version(),
                p.events(),
                p.after(),
                Objects.requireNonNull(action),
                "runtime-a",
                T0.plusSeconds(1),
                LEASE);
      }
    }
  }

  /**
   * An append prepared but not made: to investigation {@code id}, stored as {@code stored} (empty
   * for a creation), the {@code events} decided on {@code version}, leaving {@code after}, acting
   * on {@code action} when it claims a lease.
   */
  private record Pending(
      InvestigationId id,
      Optional<Investigation> stored,
      long version,
      List<InvestigationEvent> events,
      Investigation after,
      @Nullable ActionId action) {}

  /** {@return an append prepared for {@code append}, on a new investigation named {@code name}} */
  private Pending prepared(String name, FencedAppend append) {
    InvestigationId id = newId(name);
    if (append == FencedAppend.CREATE) {
      Decision.Accepted opened =
          Investigation.open(
              id,
              AlertId.of("tck"),
              AutomationLevel.FULL,
              Investigation.DEFAULT_PENDING_EXPIRY,
              Actor.system(),
              T0);
      return new Pending(id, Optional.empty(), 0, opened.events(), opened.after(), null);
    }
    ActionId action = storedAction(name);
    Investigation state = store().load(id).orElseThrow();
    Decision.Accepted started = start(state, action, T0.plusSeconds(1));
    return new Pending(
        id, Optional.of(state), state.version(), started.events(), started.after(), action);
  }

  /**
   * Records a change of {@code kind} (a pause or a resume) for a device group no device is in, so
   * that it holds nothing; {@return its number}
   */
  private long change(ControlStore controls, ControlChange.Kind kind, String reason) {
    DeviceGroupName group = DeviceGroupName.of("tck-" + run);
    PrincipalName who = PrincipalName.of("tck@contoso.com");
    return controls
        .record(
            kind == ControlChange.Kind.PAUSE
                ? ControlChange.pause(group, who, T0, reason)
                : ControlChange.resume(group, who, T0, reason))
        .sequence();
  }
}
