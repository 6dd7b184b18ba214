package dev.parry.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.ImpactClass;
import dev.parry.core.action.KillProcess;
import dev.parry.core.entity.DeviceProcess;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.spi.audit.AuditAnchor;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.auth.Authorizer;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.DeviceActionExecutor;
import dev.parry.spi.executor.DeviceExclusions;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionPurpose;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.spi.executor.IdempotencyKey;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.safety.InMemoryControlStore;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.ConcurrencyConflictException;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.LeaseHeldException;
import dev.parry.spi.store.Page;
import dev.parry.spi.store.StoreArguments;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.time.TestClock;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs the contracts against deliberately broken implementations and checks that the rule each one
 * breaks is the rule that fails: a contract test that cannot fail proves nothing.
 */
@DisplayName("The contracts catch broken implementations, naming the broken rule")
class BrokenImplementationsTest {

  /** Which rules each broken implementation must fail. */
  static final Map<Class<?>, Set<String>> EXPECTED = new HashMap<>();

  static {
    EXPECTED.put(WrongFamily.class, Set.of("exe1"));
    EXPECTED.put(AnswersNull.class, Set.of("exe2"));
    EXPECTED.put(ThrowsOnUnsupported.class, Set.of("exe3"));
    EXPECTED.put(RunsUnclaimedKindOfItsFamily.class, Set.of("exe3"));
    EXPECTED.put(NoEffect.class, Set.of("exe4"));
    EXPECTED.put(NotIdempotent.class, Set.of("exe5"));
    EXPECTED.put(IgnoresKeyWithReadmeProbe.class, Set.of("exe5"));
    EXPECTED.put(RacyKeys.class, Set.of("exe5"));
    EXPECTED.put(RepeatsUndo.class, Set.of("exe5"));
    EXPECTED.put(IgnoresDeadlines.class, Set.of("exe6"));
    EXPECTED.put(EndlessProgress.class, Set.of("exe7"));
    EXPECTED.put(NoUndo.class, Set.of("exe8"));
    EXPECTED.put(CancelThrows.class, Set.of("exe9"));
    EXPECTED.put(StatusThrows.class, Set.of("exe10"));
    EXPECTED.put(IgnoresExclusions.class, Set.of("exe12"));
    EXPECTED.put(IgnoresBreakGlass.class, Set.of("exe12"));
    EXPECTED.put(KillsByPidAlone.class, Set.of("exe13"));
    EXPECTED.put(StaleLoad.class, Set.of("store1"));
    EXPECTED.put(IgnoresVersions.class, Set.of("store2", "store5"));
    EXPECTED.put(CreatesTwice.class, Set.of("store3"));
    EXPECTED.put(LosesEvents.class, Set.of("store4"));
    EXPECTED.put(RepeatsAcrossPages.class, Set.of("store6"));
    EXPECTED.put(IgnoresKindFilter.class, Set.of("store7"));
    EXPECTED.put(AcceptsAnyCursor.class, Set.of("store8"));
    EXPECTED.put(AcceptsForeignEvents.class, Set.of("store9"));
    EXPECTED.put(ThrowsOnUnknown.class, Set.of("store10"));
    EXPECTED.put(LeaseForAnyone.class, Set.of("store12", "store15"));
    EXPECTED.put(LeaseNeverEnds.class, Set.of("store13"));
    EXPECTED.put(AppendsDespiteAHeldLease.class, Set.of("store27"));
    EXPECTED.put(ClaimsThenAppends.class, Set.of("store28"));
    EXPECTED.put(FencesAtANegativeChange.class, Set.of("store29"));
    EXPECTED.put(FenceLetsEveryAppendThrough.class, Set.of("store30"));
    EXPECTED.put(ReleaseForAnyone.class, Set.of("store14"));
    EXPECTED.put(LeaseOutlivesTheAction.class, Set.of("store16"));
    EXPECTED.put(DueBySecond.class, Set.of("store17"));
    EXPECTED.put(DueOnlyWhenDispatched.class, Set.of("store17"));
    EXPECTED.put(DuePagesFromTheStart.class, Set.of("store18"));
    EXPECTED.put(DueAcceptsAnyCursor.class, Set.of("store21"));
    EXPECTED.put(DueInProposalOrder.class, Set.of("store18"));
    EXPECTED.put(DueIgnoresLeases.class, Set.of("store19"));
    EXPECTED.put(DueHidesOwnLeases.class, Set.of("store19"));
    EXPECTED.put(LeaseEndsOnAnyAppend.class, Set.of("store19"));
    EXPECTED.put(DueMovesOnlyWithStatus.class, Set.of("store20"));
    EXPECTED.put(DueClampsLimit.class, Set.of("store21"));
    EXPECTED.put(ReplacesUnpairedSurrogates.class, Set.of("store22"));
    EXPECTED.put(FoldsEntityKeys.class, Set.of("store23"));
    EXPECTED.put(IgnoresPageLimit.class, Set.of("ctrl1"));
    EXPECTED.put(TruncatesToMicros.class, Set.of("ctrl2"));
    EXPECTED.put(RacyNumbers.class, Set.of("ctrl3"));
    EXPECTED.put(RacyAdmit.class, Set.of("ctrl4"));
    EXPECTED.put(PartialAdmit.class, Set.of("ctrl5"));
    EXPECTED.put(KeepsTheBoundaryUse.class, Set.of("ctrl6"));
    EXPECTED.put(AcceptsNumbered.class, Set.of("ctrl7"));
    EXPECTED.put(AdmitsAllWanted.class, Set.of("ctrl9", "ctrl10"));
    EXPECTED.put(CountsSeveralAtNow.class, Set.of("ctrl10"));
    EXPECTED.put(IgnoresUsesAhead.class, Set.of("ctrl10"));
    EXPECTED.put(EndsUsesInCountedOrder.class, Set.of("ctrl10"));
    EXPECTED.put(AcceptsAnyWanted.class, Set.of("ctrl7"));
    EXPECTED.put(OneAtATime.class, Set.of("ctrl9", "ctrl10"));
    EXPECTED.put(HashesFromGenesisEachAppend.class, Set.of("store24"));
    EXPECTED.put(ChainWithoutHashes.class, Set.of("store25"));
    EXPECTED.put(ChainNewestFirst.class, Set.of("store25"));
    EXPECTED.put(RecomputesChain.class, Set.of("store26"));
    EXPECTED.put(KeepsFirstHead.class, Set.of("anchor1"));
    EXPECTED.put(LastHeadWins.class, Set.of("anchor2"));
    EXPECTED.put(ChecksThenAnchors.class, Set.of("anchor3"));
    EXPECTED.put(ThrowsWithoutKind.class, Set.of("auth1"));
    EXPECTED.put(AllowsEveryone.class, Set.of("auth2"));
    EXPECTED.put(Flaky.class, Set.of("auth3"));
    EXPECTED.put(BlankReasons.class, Set.of("auth4"));
  }

  /** {@return the rule ids ("exe5") of the failed tests when {@code contract} runs} */
  static Set<String> failedRules(Class<?> contract) {
    Set<String> failed = new TreeSet<>();
    for (Event event :
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(contract))
            .execute()
            .testEvents()
            .failed()
            .list()) {
      Optional<TestSource> source = event.getTestDescriptor().getSource();
      if (source.isPresent() && source.get() instanceof MethodSource method) {
        failed.add(method.getMethodName().substring(0, method.getMethodName().indexOf('_')));
      }
    }
    return failed;
  }

  @Test
  @DisplayName("each broken implementation fails the rule it breaks")
  void eachRuleCanFail() {
    List<String> misses = new ArrayList<>();
    EXPECTED.forEach(
        (broken, rules) -> {
          Set<String> failed = failedRules(broken);
          if (!failed.containsAll(rules)) {
            misses.add(broken.getSimpleName() + " should fail " + rules + " but failed " + failed);
          }
        });
    assertTrue(misses.isEmpty(), () -> String.join("\n", misses));
  }

  @Test
  @DisplayName(
      "every testable rule of the specification is shown to fail by some broken implementation")
  void everyRuleIsCovered() throws IOException {
    Set<String> covered = new TreeSet<>();
    EXPECTED.values().forEach(covered::addAll);
    assertEquals(contractTests(), covered);
  }

  @Test
  @DisplayName("the specification's rules are the contract tests plus the listed untestable rules")
  void specificationMatchesContracts() throws IOException {
    String spec = Files.readString(Path.of("..", "spi", "SPEC.md"));
    Matcher anchors =
        Pattern.compile(
                "<a id=\"([a-z]+)-(\\d+)\"></a>\\*\\*[A-Z]+-\\d+\\.\\*\\*( \\*Untestable\\.\\*)?")
            .matcher(spec);
    Set<String> testable = new TreeSet<>();
    int untestable = 0;
    int rules = 0;
    while (anchors.find()) {
      rules++;
      if (anchors.group(3) != null) {
        untestable++;
      } else {
        testable.add(anchors.group(1) + anchors.group(2));
      }
    }
    assertEquals(61, rules, "rules in spi/SPEC.md");
    assertEquals(rules, contractTests().size() + untestable);
    assertEquals(testable, contractTests());
  }

  @Test
  @DisplayName("README counts the broken implementations this test runs")
  void readmeCountsTheBrokenImplementations() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertTrue(
        readme.contains("against " + EXPECTED.size() + " deliberately broken"),
        "README's count in 'Testing your" + " integration' should be " + EXPECTED.size());
    assertTrue(
        readme.contains("| " + EXPECTED.size() + " broken implementations,"),
        "README's count in the" + " guarantees table should be " + EXPECTED.size());
  }

  /** The rule ids of every contract test method. */
  static Set<String> contractTests() {
    Set<String> ids = new TreeSet<>();
    for (Class<?> contract :
        List.of(
            ExecutorContract.class,
            DeviceExecutorContract.class,
            InvestigationStoreContract.class,
            ControlStoreContract.class,
            AuditAnchorContract.class,
            AuthorizerContract.class)) {
      for (Method method : contract.getDeclaredMethods()) {
        if (method.isAnnotationPresent(Test.class)) {
          ids.add(method.getName().substring(0, method.getName().indexOf('_')));
        }
      }
    }
    return ids;
  }

  // ---- broken executors
  // --------------------------------------------------------------------------

  /**
   * A device executor that delegates to a fake and breaks one rule through the overridable hooks.
   */
  abstract static class BrokenExecutor extends DeviceExecutorContract {
    final FakeDevices fake = FakeDevices.create(TestClock.create());

    Set<ActionKind> claimedKinds() {
      return fake.executor().supportedKinds();
    }

    boolean honoursExclusions() {
      return fake.executor().honoursExclusions();
    }

    @Override
    protected boolean runProcess(DeviceProcess process) {
      fake.run(process);
      return true;
    }

    @Nullable CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      return fake.executor().execute(request);
    }

    CompletionStage<ExecutionOutcome> status(
        ExecutionRequest request, ExternalReference reference) {
      return fake.executor().status(request, reference);
    }

    CompletionStage<Boolean> cancel(
        ExecutionRequest request, @Nullable ExternalReference reference) {
      return fake.executor().cancel(request, reference);
    }

    @Override
    protected Duration deadline() {
      return Duration.ofMillis(200);
    }

    @Override
    protected Subject createSubject() {
      fleet().forEach(fake::enroll);
      ActionExecutor executor =
          new DeviceActionExecutor() {
            @Override
            public Set<ActionKind> supportedKinds() {
              return claimedKinds();
            }

            @Override
            public boolean honoursExclusions() {
              return BrokenExecutor.this.honoursExclusions();
            }

            @Override
            @SuppressWarnings("NullAway")
            public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
              return BrokenExecutor.this.execute(request);
            }

            @Override
            public CompletionStage<ExecutionOutcome> status(
                ExecutionRequest request, ExternalReference reference) {
              return BrokenExecutor.this.status(request, reference);
            }

            @Override
            public CompletionStage<Boolean> cancel(
                ExecutionRequest request, @Nullable ExternalReference reference) {
              return BrokenExecutor.this.cancel(request, reference);
            }
          };
      return new Subject(executor, fake.probe());
    }
  }

  static CompletionStage<ExecutionOutcome> done(ExecutionOutcome outcome) {
    return CompletableFuture.completedFuture(outcome);
  }

  static class WrongFamily extends BrokenExecutor {
    @Override
    Set<ActionKind> claimedKinds() {
      Set<ActionKind> kinds = EnumSet.copyOf(super.claimedKinds());
      kinds.add(ActionKind.SOFT_DELETE_EMAIL);
      return kinds;
    }
  }

  static class AnswersNull extends BrokenExecutor {
    @Override
    @Nullable CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      return null;
    }
  }

  static class ThrowsOnUnsupported extends BrokenExecutor {
    @Override
    CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      if (!claimedKinds().contains(request.action().kind())) {
        throw new IllegalArgumentException("unsupported");
      }
      return fake.executor().execute(request);
    }
  }

  /** Refuses other families' kinds but runs every kind of its own, claimed or not. */
  static class RunsUnclaimedKindOfItsFamily extends BrokenExecutor {
    @Override
    Set<ActionKind> claimedKinds() {
      Set<ActionKind> kinds = EnumSet.copyOf(fake.executor().supportedKinds());
      kinds.remove(ActionKind.RUN_ANTIVIRUS_SCAN);
      return kinds;
    }
  }

  static class NoEffect extends BrokenExecutor {
    @Override
    CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      return done(ExecutionOutcome.succeeded("pretended"));
    }
  }

  static class NotIdempotent extends BrokenExecutor {
    @Override
    CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      return fake.executor()
          .execute(
              request.toBuilder()
                  .idempotencyKey(
                      IdempotencyKey.of(request.idempotencyKey() + "-" + UUID.randomUUID()))
                  .exclusions(DeviceExclusions.none())
                  .build());
    }
  }

  /** Ignores the key, checked with the probe README shows: built from the backend's own queries. */
  static class IgnoresKeyWithReadmeProbe extends NotIdempotent {
    @Override
    boolean honoursExclusions() {
      return false; // the probe tells no effect per device, which EXE-12 would need
    }

    @Override
    protected Subject createSubject() {
      Subject subject = super.createSubject();
      return new Subject(
          subject.executor(), ExecutorProbe.of(fake::isInEffect, fake::timesApplied));
    }
  }

  /**
   * Remembers keys with check-then-act: a repeat sent while the first call is still in flight
   * applies again.
   */
  static class RacyKeys extends BrokenExecutor {
    final Map<IdempotencyKey, ExecutionOutcome> answered = new ConcurrentHashMap<>();

    @Override
    CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      ExecutionOutcome known = answered.get(request.idempotencyKey());
      if (known != null) {
        return done(known);
      }
      try {
        Thread.sleep(
            100); // the backend call in flight: both calls of the concurrent case read before
        // either writes
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ExecutionOutcome outcome =
          fake.executor()
              .execute(
                  request.toBuilder()
                      .idempotencyKey(
                          IdempotencyKey.of(request.idempotencyKey() + "-" + UUID.randomUUID()))
                      .build())
              .toCompletableFuture()
              .join();
      answered.put(request.idempotencyKey(), outcome);
      return done(outcome);
    }
  }

  /** Honours the key when it executes, ignores it when it undoes. */
  static class RepeatsUndo extends BrokenExecutor {
    @Override
    CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      if (request.purpose() != ExecutionPurpose.UNDO) {
        return fake.executor().execute(request);
      }
      return fake.executor()
          .execute(
              request.toBuilder()
                  .idempotencyKey(
                      IdempotencyKey.of(request.idempotencyKey() + "-" + UUID.randomUUID()))
                  .build());
    }
  }

  /** Claims every kind of every family, so no kind is left for EXE-3 to refuse. */
  static class ClaimsEveryKind extends BrokenExecutor {
    @Override
    Set<ActionKind> claimedKinds() {
      return EnumSet.allOf(ActionKind.class);
    }
  }

  /** Claims no kind at all. */
  static class ClaimsNoKind extends BrokenExecutor {
    @Override
    Set<ActionKind> claimedKinds() {
      return Set.of();
    }
  }

  static class IgnoresDeadlines extends BrokenExecutor {
    @Override
    CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      return new CompletableFuture<>();
    }
  }

  static class EndlessProgress extends BrokenExecutor {
    @Override
    CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      return done(
          ExecutionOutcome.inProgress(ExternalReference.of("forever"), Duration.ofSeconds(1)));
    }

    @Override
    CompletionStage<ExecutionOutcome> status(
        ExecutionRequest request, ExternalReference reference) {
      return done(ExecutionOutcome.inProgress(reference, Duration.ofSeconds(1)));
    }
  }

  static class NoUndo extends BrokenExecutor {
    @Override
    CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      if (request.action().kind().impact() == ImpactClass.RESTORATIVE) {
        return done(ExecutionOutcome.succeeded("pretended to restore"));
      }
      return fake.executor().execute(request);
    }
  }

  static class CancelThrows extends BrokenExecutor {
    @Override
    CompletionStage<Boolean> cancel(
        ExecutionRequest request, @Nullable ExternalReference reference) {
      throw new UnsupportedOperationException("cancel");
    }
  }

  static class StatusThrows extends BrokenExecutor {
    @Override
    CompletionStage<ExecutionOutcome> status(
        ExecutionRequest request, ExternalReference reference) {
      throw new IllegalStateException("unknown reference " + reference);
    }
  }

  static class IgnoresExclusions extends BrokenExecutor {
    @Override
    CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      // claims to honour exclusions, then reaches every device
      return fake.executor().execute(request.withExclusions(DeviceExclusions.none()));
    }
  }

  static class IgnoresBreakGlass extends BrokenExecutor {
    @Override
    CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      // keeps the protected devices out, and the ones a break-glass override opened too
      DeviceExclusions given = request.exclusions();
      return fake.executor()
          .execute(
              request.withExclusions(DeviceExclusions.of(given.devices(), given.tags(), Set.of())));
    }
  }

  static class KillsByPidAlone extends BrokenExecutor {
    final Map<Long, DeviceProcess> running = new ConcurrentHashMap<>();

    @Override
    protected boolean runProcess(DeviceProcess process) {
      running.put(process.processId(), process);
      return true;
    }

    @Override
    CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
      // kills whatever now runs under the id, whenever it was created
      if (request.action() instanceof KillProcess kill
          && running.containsKey(kill.process().processId())) {
        return fake.executor()
            .execute(
                request.toBuilder()
                    .action(new KillProcess(running.get(kill.process().processId())))
                    .build());
      }
      return fake.executor().execute(request);
    }
  }

  // ---- broken control stores
  // ---------------------------------------------------------------------

  /** A control store that delegates to the in-memory one, with hooks to break one rule. */
  abstract static class BrokenControls extends ControlStoreContract {
    final InMemoryControlStore real = InMemoryControlStore.create();

    /** Uses per window key, for the broken admissions that keep their own. */
    final Map<String, List<Instant>> uses = new ConcurrentHashMap<>();

    ControlChange record(ControlChange change) {
      return real.record(change);
    }

    List<ControlChange> changes(long after, int limit) {
      return real.changes(after, limit);
    }

    boolean admit(List<ControlStore.Window> windows, Instant now, boolean consume) {
      return real.admit(windows, now, consume);
    }

    int admitUpTo(List<ControlStore.Window> windows, Instant now, int wanted, Instant countedAt) {
      return real.admitUpTo(windows, now, wanted, countedAt);
    }

    /**
     * {@return the uses of {@code window} at {@code now}, dropping those that ended ({@code
     * inclusive}: also the one at the boundary)}
     */
    List<Instant> used(ControlStore.Window window, Instant now, boolean dropBoundary) {
      List<Instant> list =
          uses.computeIfAbsent(
              window.key(), k -> java.util.Collections.synchronizedList(new ArrayList<>()));
      Instant start = now.minus(window.length());
      list.removeIf(at -> dropBoundary ? !at.isAfter(start) : at.isBefore(start));
      return list;
    }

    @Override
    protected ControlStore createStore() {
      return new ControlStore() {
        @Override
        public ControlChange record(ControlChange change) {
          return BrokenControls.this.record(change);
        }

        @Override
        public List<ControlChange> changes(long after, int limit) {
          return BrokenControls.this.changes(after, limit);
        }

        @Override
        public boolean admit(List<Window> windows, Instant now, boolean consume) {
          return BrokenControls.this.admit(windows, now, consume);
        }

        @Override
        public int admitUpTo(List<Window> windows, Instant now, int wanted, Instant countedAt) {
          return BrokenControls.this.admitUpTo(windows, now, wanted, countedAt);
        }
      };
    }
  }

  /** Widens a race window so that the racy stores below lose their race every run. */
  static void widenRace() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static class IgnoresPageLimit extends BrokenControls {
    @Override
    List<ControlChange> changes(long after, int limit) {
      return real.changes(after, ControlStore.MAX_CHANGES);
    }
  }

  static class TruncatesToMicros extends BrokenControls {
    @Override
    List<ControlChange> changes(long after, int limit) {
      return real.changes(after, limit).stream()
          .map(
              c ->
                  new ControlChange(
                      c.sequence(),
                      c.kind(),
                      c.group(),
                      c.device(),
                      c.indicator(),
                      c.scope(),
                      c.until(),
                      c.principal(),
                      c.at().truncatedTo(ChronoUnit.MICROS),
                      c.reason()))
          .toList();
    }
  }

  /** Numbers a change from the last one it sees, without a lock: two writers take one number. */
  static class RacyNumbers extends BrokenControls {
    final java.util.concurrent.ConcurrentSkipListMap<Long, ControlChange> log =
        new java.util.concurrent.ConcurrentSkipListMap<>();

    @Override
    ControlChange record(ControlChange change) {
      long next = log.isEmpty() ? 1 : log.lastKey() + 1;
      widenRace(); // another writer reads the same last number meanwhile
      ControlChange recorded = change.recordedAs(next);
      log.put(next, recorded);
      return recorded;
    }

    @Override
    List<ControlChange> changes(long after, int limit) {
      return log.tailMap(after, false).values().stream().limit(limit).toList();
    }
  }

  /** Counts, then records the use, without holding anything in between. */
  static class RacyAdmit extends BrokenControls {
    @Override
    boolean admit(List<ControlStore.Window> windows, Instant now, boolean consume) {
      for (ControlStore.Window window : windows) {
        if (used(window, now, true).size() >= window.max()) {
          return false;
        }
      }
      widenRace(); // other admissions count the same uses meanwhile
      if (consume) {
        windows.forEach(window -> used(window, now, true).add(now));
      }
      return true;
    }
  }

  /**
   * Counts the use in each window as it checks it: a refusal by a later window leaves the earlier
   * ones counted.
   */
  static class PartialAdmit extends BrokenControls {
    @Override
    synchronized boolean admit(List<ControlStore.Window> windows, Instant now, boolean consume) {
      for (ControlStore.Window window : windows) {
        List<Instant> used = used(window, now, true);
        if (used.size() >= window.max()) {
          return false;
        }
        if (consume) {
          used.add(now);
        }
      }
      return true;
    }
  }

  /** Still counts a use exactly one window length old. */
  static class KeepsTheBoundaryUse extends BrokenControls {
    @Override
    synchronized boolean admit(List<ControlStore.Window> windows, Instant now, boolean consume) {
      for (ControlStore.Window window : windows) {
        if (used(window, now, false).size() >= window.max()) {
          return false;
        }
      }
      if (consume) {
        windows.forEach(window -> used(window, now, false).add(now));
      }
      return true;
    }
  }

  /** Admits as many as asked, one use counted per admission, whatever room is left. */
  static class AdmitsAllWanted extends BrokenControls {
    @Override
    int admitUpTo(List<ControlStore.Window> windows, Instant now, int wanted, Instant countedAt) {
      ControlStore.validBlock(now, wanted, countedAt);
      return real.admitUpTo(windows, now, 1, countedAt) == 1 ? wanted : 0;
    }
  }

  /**
   * Admits against counts it keeps itself, through two hooks: how many uses a window counts now,
   * and counting one.
   */
  abstract static class CountsItsOwn extends BrokenControls {
    abstract int counted(ControlStore.Window window, Instant now);

    abstract void count(ControlStore.Window window, Instant at);

    @Override
    synchronized boolean admit(List<ControlStore.Window> windows, Instant now, boolean consume) {
      return admitted(windows, now, 1, consume ? now : null) == 1;
    }

    @Override
    synchronized int admitUpTo(
        List<ControlStore.Window> windows, Instant now, int wanted, Instant countedAt) {
      ControlStore.validBlock(now, wanted, countedAt);
      return admitted(windows, now, wanted, countedAt);
    }

    private int admitted(
        List<ControlStore.Window> windows, Instant now, int wanted, @Nullable Instant countedAt) {
      ControlStore.validWindows(windows);
      int room = wanted;
      for (ControlStore.Window window : windows) {
        room = Math.min(room, window.max() - counted(window, now));
      }
      if (room <= 0) {
        return 0;
      }
      if (countedAt != null) {
        for (ControlStore.Window window : windows) {
          for (int n = 0; n < room; n++) {
            count(window, countedAt);
          }
        }
      }
      return room;
    }
  }

  /** Counts only the uses up to now: those counted ahead are left out until their time comes. */
  static class IgnoresUsesAhead extends CountsItsOwn {
    @Override
    int counted(ControlStore.Window window, Instant now) {
      return (int) used(window, now, true).stream().filter(at -> !at.isAfter(now)).count();
    }

    @Override
    void count(ControlStore.Window window, Instant at) {
      uses.get(window.key()).add(at);
    }
  }

  /** Counts several uses at now instead of at the time given. */
  static class CountsSeveralAtNow extends BrokenControls {
    @Override
    int admitUpTo(List<ControlStore.Window> windows, Instant now, int wanted, Instant countedAt) {
      ControlStore.validBlock(now, wanted, countedAt);
      return real.admitUpTo(windows, now, wanted, now);
    }
  }

  /**
   * Keeps each window's uses in the order they were counted and ends them from the oldest counted:
   * a use counted ahead keeps the uses counted after it, at earlier times, from ending.
   */
  static class EndsUsesInCountedOrder extends CountsItsOwn {
    final Map<String, java.util.ArrayDeque<Instant>> queues = new HashMap<>();

    @Override
    int counted(ControlStore.Window window, Instant now) {
      java.util.ArrayDeque<Instant> queue =
          queues.computeIfAbsent(window.key(), k -> new java.util.ArrayDeque<>());
      while (!queue.isEmpty() && !queue.peekFirst().isAfter(now.minus(window.length()))) {
        queue.pollFirst();
      }
      return queue.size();
    }

    @Override
    void count(ControlStore.Window window, Instant at) {
      queues.get(window.key()).addLast(at);
    }
  }

  /** Counts several without checking how many are wanted or when they are counted. */
  static class AcceptsAnyWanted extends BrokenControls {
    @Override
    int admitUpTo(List<ControlStore.Window> windows, Instant now, int wanted, Instant countedAt) {
      ControlStore.validWindows(windows);
      Instant at =
          countedAt.isBefore(now) || countedAt.isAfter(now.plus(ControlStore.MAX_AHEAD))
              ? now
              : countedAt;
      return wanted < 1
          ? 0
          : real.admitUpTo(windows, now, Math.min(wanted, ControlStore.MAX_AT_ONCE), at);
    }
  }

  /** A store written before admissions of several: the interface's default admits one at a time. */
  static class OneAtATime extends BrokenControls {
    @Override
    protected ControlStore createStore() {
      ControlStore full = super.createStore();
      return new ControlStore() {
        @Override
        public ControlChange record(ControlChange change) {
          return full.record(change);
        }

        @Override
        public List<ControlChange> changes(long after, int limit) {
          return full.changes(after, limit);
        }

        @Override
        public boolean admit(List<Window> windows, Instant now, boolean consume) {
          return full.admit(windows, now, consume);
        }
      };
    }
  }

  /** Records a change that carries a number already, under a new one. */
  static class AcceptsNumbered extends BrokenControls {
    @Override
    ControlChange record(ControlChange change) {
      return real.record(
          new ControlChange(
              0,
              change.kind(),
              change.group(),
              change.device(),
              change.indicator(),
              change.scope(),
              change.until(),
              change.principal(),
              change.at(),
              change.reason()));
    }
  }

  // ---- broken stores
  // -----------------------------------------------------------------------------

  /**
   * A store that delegates to the in-memory one, with hooks to break one rule. Its storage can be
   * changed behind its back: an event replaced through {@link #storageEditor()} is what its events
   * and chain answer from then on, with the hash stored for the original.
   */
  abstract static class BrokenStore extends InvestigationStoreContract {
    final InMemoryInvestigationStore real = InMemoryInvestigationStore.create();
    final Map<String, InvestigationEvent> edited = new ConcurrentHashMap<>();

    @Override
    protected Optional<StorageEditor> storageEditor() {
      return Optional.of((id, version, event) -> edited.put(id.value() + "/" + version, event));
    }

    /** {@return the events as stored: the real store's, with the edits made behind its back} */
    final List<InvestigationEvent> storedEvents(InvestigationId id) {
      List<InvestigationEvent> events = new ArrayList<>(real.events(id));
      for (int i = 0; i < events.size(); i++) {
        events.set(i, edited.getOrDefault(id.value() + "/" + (i + 1), events.get(i)));
      }
      return events;
    }

    List<AuditRecord> chain(InvestigationId id) {
      List<AuditRecord> chain = new ArrayList<>();
      real.chain(id)
          .forEach(
              r ->
                  chain.add(
                      new AuditRecord(
                          r.version(),
                          edited.getOrDefault(id.value() + "/" + r.version(), r.event()),
                          r.hash())));
      return chain;
    }

    /** {@return the head an append answers, once it wrote} */
    ChainHead answeredHead(InvestigationId id, Investigation after) {
      return AuditTrail.head(real.chain(id))
          .orElse(new ChainHead(after.version(), ChainHash.GENESIS));
    }

    void append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      real.append(id, expectedVersion, events, after);
    }

    Optional<Investigation> load(InvestigationId id) {
      return real.load(id);
    }

    Page<ActionRecord> query(ActionQuery query) {
      return real.queryActions(query);
    }

    boolean claim(ActionId action, String owner, Instant now, Duration lease) {
      return real.claim(action, owner, now, lease);
    }

    void appendClaiming(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after,
        ActionId action,
        String owner,
        Instant now,
        Duration lease) {
      real.appendClaiming(id, expectedVersion, events, after, action, owner, now, lease);
    }

    void release(ActionId action, String owner) {
      real.release(action, owner);
    }

    List<ActionRecord> due(Instant now, String owner, @Nullable ActionRecord after, int limit) {
      return after == null ? due(now, owner, limit) : real.due(now, owner, after, limit);
    }

    /** The first page of due work: what the broken stores below break. */
    List<ActionRecord> due(Instant now, String owner, int limit) {
      return real.due(now, owner, limit);
    }

    /**
     * {@return every action the real store answers at {@code now}, once it checked the arguments of
     * {@code due}}
     */
    final List<ActionRecord> allDue(Instant now, String owner, int limit) {
      real.due(now, owner, limit);
      return real.due(now, owner, InvestigationStore.MAX_DUE);
    }

    /** The control state the store keeps, if any: what the fence rules break. */
    Optional<ControlStore> controls() {
      return Optional.empty();
    }

    /** The fenced view of {@code self} at {@code seen}: what the fence rules break. */
    Optional<InvestigationStore> fencedAt(InvestigationStore self, long seen) {
      StoreArguments.seen(seen);
      return Optional.empty();
    }

    @Override
    protected InvestigationStore createStore() {
      return new InvestigationStore() {
        @Override
        public Optional<ControlStore> controls() {
          return BrokenStore.this.controls();
        }

        @Override
        public Optional<InvestigationStore> fencedAt(long seen) {
          return BrokenStore.this.fencedAt(this, seen);
        }

        @Override
        public ChainHead append(
            InvestigationId id,
            long expectedVersion,
            List<InvestigationEvent> events,
            Investigation after) {
          BrokenStore.this.append(id, expectedVersion, events, after);
          return answeredHead(id, after);
        }

        @Override
        public Optional<Investigation> load(InvestigationId id) {
          return BrokenStore.this.load(id);
        }

        @Override
        public List<InvestigationEvent> events(InvestigationId id) {
          return storedEvents(id);
        }

        @Override
        public List<AuditRecord> chain(InvestigationId id) {
          return BrokenStore.this.chain(id);
        }

        @Override
        public Page<ActionRecord> queryActions(ActionQuery query) {
          return query(query);
        }

        @Override
        public boolean claim(ActionId action, String owner, Instant now, Duration lease) {
          return BrokenStore.this.claim(action, owner, now, lease);
        }

        @Override
        public ChainHead appendClaiming(
            InvestigationId id,
            long expectedVersion,
            List<InvestigationEvent> events,
            Investigation after,
            ActionId action,
            String owner,
            Instant now,
            Duration lease) {
          BrokenStore.this.appendClaiming(
              id, expectedVersion, events, after, action, owner, now, lease);
          return answeredHead(id, after);
        }

        @Override
        public void release(ActionId action, String owner) {
          BrokenStore.this.release(action, owner);
        }

        @Override
        public List<ActionRecord> due(
            Instant now, String owner, @Nullable ActionRecord after, int limit) {
          return BrokenStore.this.due(now, owner, after, limit);
        }
      };
    }
  }

  static class HashesFromGenesisEachAppend extends BrokenStore {
    /**
     * The hashes it keeps: each append's linked from the genesis hash, not from the hash stored
     * before.
     */
    final Map<InvestigationId, List<ChainHash>> hashes = new ConcurrentHashMap<>();

    @Override
    synchronized void append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      real.append(id, expectedVersion, events, after);
      hashes
          .computeIfAbsent(id, key -> new ArrayList<>())
          .addAll(AuditTrail.links(ChainHash.GENESIS, expectedVersion, events));
    }

    @Override
    synchronized List<AuditRecord> chain(InvestigationId id) {
      List<AuditRecord> chain = new ArrayList<>();
      List<ChainHash> own = hashes.getOrDefault(id, List.of());
      super.chain(id)
          .forEach(
              r ->
                  chain.add(
                      new AuditRecord(r.version(), r.event(), own.get((int) r.version() - 1))));
      return chain;
    }

    @Override
    synchronized ChainHead answeredHead(InvestigationId id, Investigation after) {
      List<ChainHash> own = hashes.get(id);
      return own == null
          ? super.answeredHead(id, after)
          : new ChainHead(own.size(), own.get(own.size() - 1));
    }
  }

  static class ChainWithoutHashes extends BrokenStore {
    @Override
    List<AuditRecord> chain(InvestigationId id) {
      List<AuditRecord> chain = new ArrayList<>();
      super.chain(id)
          .forEach(
              r -> chain.add(new AuditRecord(r.version(), r.event(), null))); // "they predate it"
      return chain;
    }
  }

  static class ChainNewestFirst extends BrokenStore {
    @Override
    List<AuditRecord> chain(InvestigationId id) {
      List<AuditRecord> chain = super.chain(id);
      Collections.reverse(chain);
      return chain;
    }
  }

  static class RecomputesChain extends BrokenStore {
    @Override
    List<AuditRecord> chain(InvestigationId id) {
      // what auditTrail once did: hashes recomputed from the events as they are stored now
      List<InvestigationEvent> events = storedEvents(id);
      List<ChainHash> hashes = AuditTrail.links(ChainHash.GENESIS, 0, events);
      List<AuditRecord> chain = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        chain.add(new AuditRecord(i + 1L, events.get(i), hashes.get(i)));
      }
      return chain;
    }
  }

  static class LeaseForAnyone extends BrokenStore {
    @Override
    boolean claim(ActionId action, String owner, Instant now, Duration lease) {
      real.claim(action, owner, now, lease);
      return real.load(action.investigation()).isPresent(); // grants whoever asks
    }
  }

  static class AppendsDespiteAHeldLease extends BrokenStore {
    @Override
    void appendClaiming(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after,
        ActionId action,
        String owner,
        Instant now,
        Duration lease) {
      real.claim(action, owner, now, lease); // refused or not, the append goes on
      real.append(id, expectedVersion, events, after);
    }
  }

  static class ClaimsThenAppends extends BrokenStore {
    @Override
    void appendClaiming(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after,
        ActionId action,
        String owner,
        Instant now,
        Duration lease) {
      if (!real.claim(action, owner, now, lease)) { // the lease is taken before the version check
        throw new LeaseHeldException(action);
      }
      real.append(id, expectedVersion, events, after);
    }
  }

  static class FencesAtANegativeChange extends BrokenStore {
    @Override
    Optional<InvestigationStore> fencedAt(InvestigationStore self, long seen) {
      return Optional.empty(); // any number goes
    }
  }

  static class FenceLetsEveryAppendThrough extends BrokenStore {
    final ControlStore controls = InMemoryControlStore.create();

    @Override
    Optional<ControlStore> controls() {
      return Optional.of(controls);
    }

    @Override
    Optional<InvestigationStore> fencedAt(InvestigationStore self, long seen) {
      StoreArguments.seen(seen);
      return Optional.of(self); // a "view" that checks nothing
    }
  }

  static class LeaseNeverEnds extends BrokenStore {
    @Override
    boolean claim(ActionId action, String owner, Instant now, Duration lease) {
      return real.claim(action, owner, now, Duration.ofDays(3650));
    }
  }

  static class LeaseOutlivesTheAction extends BrokenStore {
    final Map<ActionId, String> holders = new HashMap<>();

    @Override
    synchronized boolean claim(ActionId action, String owner, Instant now, Duration lease) {
      String holder = holders.get(action);
      if (holder != null && !holder.equals(owner)) {
        return false; // held until released, whatever happens to the action
      }
      holders.put(action, owner);
      return real.claim(action, owner, now, lease) || holder != null;
    }

    @Override
    synchronized void release(ActionId action, String owner) {
      holders.remove(action, owner);
      real.release(action, owner);
    }
  }

  static class ReleaseForAnyone extends BrokenStore {
    final Map<ActionId, String> holders = new HashMap<>();

    @Override
    synchronized boolean claim(ActionId action, String owner, Instant now, Duration lease) {
      boolean won = real.claim(action, owner, now, lease);
      if (won) {
        holders.put(action, owner);
      }
      return won;
    }

    @Override
    synchronized void release(ActionId action, String owner) {
      String holder = holders.remove(action);
      if (holder != null) {
        real.release(action, holder); // releases whoever holds it
      }
    }
  }

  /** Far enough ahead that every obligation a contract test records is due by then. */
  static final Instant FAR = Instant.parse("9999-01-01T00:00:00Z");

  static class DueBySecond extends BrokenStore {
    @Override
    List<ActionRecord> due(Instant now, String owner, int limit) {
      // compares whole seconds: answers what is due later in the same second
      return real.due(
          now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).minusNanos(1), owner, limit);
    }
  }

  static class DueOnlyWhenDispatched extends BrokenStore {
    @Override
    List<ActionRecord> due(Instant now, String owner, int limit) {
      // indexes the dispatched actions only: forgets expiries and time boxes
      return allDue(now, owner, limit).stream()
          .filter(a -> a.status().isDispatched())
          .limit(limit)
          .toList();
    }
  }

  static class DueInProposalOrder extends BrokenStore {
    @Override
    List<ActionRecord> due(Instant now, String owner, int limit) {
      // sorts by the action center's key, the proposal time, instead of the due time
      return allDue(now, owner, limit).stream()
          .sorted(
              Comparator.comparing(ActionRecord::proposedAt)
                  .thenComparing(a -> a.id().investigation().value())
                  .thenComparing(a -> a.id().sequence()))
          .limit(limit)
          .toList();
    }
  }

  static class DuePagesFromTheStart extends BrokenStore {
    @Override
    List<ActionRecord> due(Instant now, String owner, @Nullable ActionRecord after, int limit) {
      return real.due(now, owner, limit); // ignores after: every page is the first
    }
  }

  static class DueIgnoresLeases extends BrokenStore {
    /** Gets every append but no claim, so its answers ignore leases. */
    final InMemoryInvestigationStore unleased = InMemoryInvestigationStore.create();

    @Override
    synchronized void append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      real.append(id, expectedVersion, events, after);
      unleased.append(id, expectedVersion, events, after);
    }

    @Override
    List<ActionRecord> due(Instant now, String owner, int limit) {
      return unleased.due(now, owner, limit);
    }
  }

  static class DueHidesOwnLeases extends BrokenStore {
    @Override
    List<ActionRecord> due(Instant now, String owner, int limit) {
      InvestigationStore.validOwner(owner);
      return real.due(now, "nobody-at-all", limit); // every live lease hides, the caller's own too
    }
  }

  static class LeaseEndsOnAnyAppend extends BrokenStore {
    final Map<ActionId, String> holders = new HashMap<>();

    @Override
    synchronized boolean claim(ActionId action, String owner, Instant now, Duration lease) {
      boolean won = real.claim(action, owner, now, lease);
      if (won) {
        holders.put(action, owner);
      }
      return won;
    }

    @Override
    synchronized void release(ActionId action, String owner) {
      holders.remove(action, owner);
      real.release(action, owner);
    }

    @Override
    synchronized void append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      real.append(id, expectedVersion, events, after);
      for (InvestigationEvent event : events) {
        ActionId touched =
            event instanceof InvestigationEvent.ActionEvent action ? action.actionId() : null;
        if (touched != null && !after.action(touched).orElseThrow().status().isDispatched()) {
          String holder = holders.remove(touched);
          if (holder != null) {
            real.release(touched, holder); // ends the lease though the action was never active
          }
        }
      }
    }
  }

  static class DueMovesOnlyWithStatus extends BrokenStore {
    /** Each action as it was when its status last changed: the obligation it is indexed at. */
    final Map<ActionId, ActionRecord> indexed = new ConcurrentHashMap<>();

    @Override
    synchronized void append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      real.append(id, expectedVersion, events, after);
      for (ActionRecord action : after.actions()) {
        indexed.merge(action.id(), action, (was, is) -> was.status() == is.status() ? was : is);
      }
    }

    @Override
    List<ActionRecord> due(Instant now, String owner, int limit) {
      Function<ActionRecord, Instant> indexedDue =
          a -> indexed.getOrDefault(a.id(), a).obligation().or(a::obligation).orElseThrow().due();
      List<ActionRecord> answer = new ArrayList<>(allDue(now, owner, limit));
      for (ActionRecord moved : real.due(FAR, owner, InvestigationStore.MAX_DUE)) {
        if (moved.obligation().orElseThrow().due().isAfter(now)
            && !indexedDue.apply(moved).isAfter(now)) {
          answer.add(moved); // still answered at the time it was indexed at
        }
      }
      return answer.stream()
          .filter(a -> !indexedDue.apply(a).isAfter(now))
          .sorted(
              Comparator.comparing(indexedDue)
                  .thenComparing(a -> a.id().investigation().value())
                  .thenComparing(a -> a.id().sequence()))
          .limit(limit)
          .toList();
    }
  }

  static class DueClampsLimit extends BrokenStore {
    @Override
    List<ActionRecord> due(Instant now, String owner, int limit) {
      return real.due(now, owner, Math.max(1, Math.min(limit, InvestigationStore.MAX_DUE)));
    }
  }

  static class DueAcceptsAnyCursor extends BrokenStore {
    @Override
    List<ActionRecord> due(Instant now, String owner, @Nullable ActionRecord after, int limit) {
      return after != null && after.obligation().isEmpty()
          ? List.of()
          : super.due(now, owner, after, limit);
    }
  }

  static class StaleLoad extends BrokenStore {
    final Map<InvestigationId, Investigation> first = new HashMap<>();

    @Override
    synchronized void append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      real.append(id, expectedVersion, events, after);
      first.putIfAbsent(id, after); // keeps answering the state of the first append
    }

    @Override
    synchronized Optional<Investigation> load(InvestigationId id) {
      return Optional.ofNullable(first.get(id));
    }
  }

  static class IgnoresVersions extends BrokenStore {
    @Override
    void append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      try {
        real.append(id, expectedVersion, events, after);
      } catch (ConcurrencyConflictException e) {
        if (expectedVersion == 0) {
          throw e;
        }
        // last writer "wins" silently
      }
    }
  }

  static class CreatesTwice extends BrokenStore {
    @Override
    void append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      try {
        real.append(id, expectedVersion, events, after);
      } catch (ConcurrencyConflictException e) {
        if (expectedVersion != 0) {
          throw e;
        }
      }
    }
  }

  static class LosesEvents extends BrokenStore {
    final AtomicInteger appends = new AtomicInteger();
    final Map<InvestigationId, Investigation> shadow = new HashMap<>();

    @Override
    synchronized void append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      if (appends.incrementAndGet() % 3 == 0 && expectedVersion > 0) {
        shadow.put(id, after); // claims success, writes nothing
        return;
      }
      Investigation claimed = shadow.remove(id);
      if (claimed != null && claimed.version() == expectedVersion) {
        Investigation actual = real.load(id).orElseThrow();
        real.append(id, actual.version(), events, rebase(actual, events));
        return;
      }
      real.append(id, expectedVersion, events, after);
    }

    private static Investigation rebase(Investigation actual, List<InvestigationEvent> events) {
      Investigation state = actual;
      for (InvestigationEvent event : events) {
        state = state.evolve(event);
      }
      return state;
    }

    @Override
    Optional<Investigation> load(InvestigationId id) {
      Investigation claimed = shadow.get(id);
      return claimed != null ? Optional.of(claimed) : real.load(id);
    }
  }

  static class RepeatsAcrossPages extends BrokenStore {
    @Override
    Page<ActionRecord> query(ActionQuery query) {
      Page<ActionRecord> page = real.queryActions(query);
      if (page.nextCursor() == null || page.items().size() < 2) {
        return page;
      }
      Page<ActionRecord> shorter =
          real.queryActions(
              new ActionQuery(
                  query.statuses(),
                  query.families(),
                  query.kinds(),
                  query.sources(),
                  query.entity(),
                  query.investigation(),
                  query.proposedFrom(),
                  query.proposedTo(),
                  query.newestFirst(),
                  query.limit() - 1,
                  query.cursor()));
      return new Page<>(page.items(), shorter.nextCursor());
    }
  }

  static class IgnoresKindFilter extends BrokenStore {
    @Override
    Page<ActionRecord> query(ActionQuery query) {
      return real.queryActions(
          new ActionQuery(
              query.statuses(),
              query.families(),
              Set.of(),
              query.sources(),
              query.entity(),
              query.investigation(),
              query.proposedFrom(),
              query.proposedTo(),
              query.newestFirst(),
              query.limit(),
              query.cursor()));
    }
  }

  static class AcceptsAnyCursor extends BrokenStore {
    @Override
    Page<ActionRecord> query(ActionQuery query) {
      try {
        return real.queryActions(query);
      } catch (InvalidInputException e) {
        return new Page<>(List.of(), null);
      }
    }
  }

  static class AcceptsForeignEvents extends BrokenStore {
    @Override
    void append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      try {
        real.append(id, expectedVersion, events, after);
      } catch (InvalidInputException e) {
        // swallowed: the caller believes it was written
      }
    }
  }

  static class ThrowsOnUnknown extends BrokenStore {
    @Override
    Optional<Investigation> load(InvestigationId id) {
      return Optional.of(real.load(id).orElseThrow(() -> new IllegalStateException("no " + id)));
    }
  }

  /**
   * Keeps evidence details as a driver that encodes blindly to UTF-8 does: an unpaired surrogate
   * becomes '?'.
   */
  static class ReplacesUnpairedSurrogates extends BrokenStore {
    @Override
    Optional<Investigation> load(InvestigationId id) {
      return real.load(id)
          .map(
              state ->
                  new Investigation(
                      state.id(),
                      state.alertId(),
                      state.level(),
                      state.origin(),
                      state.openedAt(),
                      state.pendingExpiry(),
                      state.version(),
                      state.evidence().stream()
                          .map(
                              e ->
                                  new Evidence(
                                      e.entity(), e.verdict(), utf8(e.detail()), e.observedAt()))
                          .toList(),
                      state.threatsWithoutAction(),
                      state.actions(),
                      state.analysis(),
                      state.terminatedBy(),
                      state.completedAt()));
    }

    private static String utf8(String text) {
      return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
  }

  /**
   * Matches entity keys as an accent- and case-insensitive collation does: {@code josé} answers for
   * {@code jose}.
   */
  static class FoldsEntityKeys extends BrokenStore {
    @Override
    Page<ActionRecord> query(ActionQuery query) {
      if (query.entity() == null) {
        return real.queryActions(query);
      }
      String wanted = fold(query.entity().value());
      List<ActionRecord> all =
          real.queryActions(
                  new ActionQuery(
                      query.statuses(),
                      query.families(),
                      query.kinds(),
                      query.sources(),
                      null,
                      query.investigation(),
                      query.proposedFrom(),
                      query.proposedTo(),
                      query.newestFirst(),
                      ActionQuery.MAX_LIMIT,
                      null))
              .items();
      return new Page<>(
          all.stream()
              .filter(a -> fold(a.action().target().key().value()).equals(wanted))
              .limit(query.limit())
              .toList(),
          null);
    }

    private static String fold(String key) {
      return Normalizer.normalize(key, Normalizer.Form.NFKD)
          .replaceAll("\\p{M}", "")
          .toLowerCase(Locale.ROOT);
    }
  }

  // ---- broken anchors
  // ----------------------------------------------------------------------------

  /** An anchor over a map, breaking one rule in how it keeps a head. */
  abstract static class BrokenAnchor extends AuditAnchorContract {
    final Map<InvestigationId, ChainHead> heads = new ConcurrentHashMap<>();

    abstract void keep(InvestigationId id, ChainHead head);

    @Override
    protected AuditAnchor createAnchor() {
      return new AuditAnchor() {
        @Override
        public void anchor(InvestigationId id, ChainHead head) {
          keep(id, head);
        }

        @Override
        public Optional<ChainHead> head(InvestigationId id) {
          return Optional.ofNullable(heads.get(id));
        }
      };
    }
  }

  static class KeepsFirstHead extends BrokenAnchor {
    @Override
    void keep(InvestigationId id, ChainHead head) {
      heads.putIfAbsent(id, head);
    }
  }

  static class LastHeadWins extends BrokenAnchor {
    @Override
    void keep(InvestigationId id, ChainHead head) {
      heads.put(id, head);
    }
  }

  static class ChecksThenAnchors extends BrokenAnchor {
    @Override
    void keep(InvestigationId id, ChainHead head) {
      ChainHead held = heads.get(id);
      if (held == null || held.version() < head.version()) {
        try {
          Thread.sleep(
              2); // the gap between the check and the write, where another call's write is lost
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        heads.put(id, head);
      }
    }
  }

  // ---- broken authorizers
  // ------------------------------------------------------------------------

  abstract static class BrokenAuthorizer extends AuthorizerContract {
    abstract Authorizer broken(Authorizer good);

    @Override
    protected Authorizer createAuthorizer() {
      return broken(Authorizer.defaults());
    }
  }

  static class ThrowsWithoutKind extends BrokenAuthorizer {
    @Override
    Authorizer broken(Authorizer good) {
      return (caller, operation, kind) -> {
        if (kind == null) {
          throw new NullPointerException("kind");
        }
        return good.deny(caller, operation, kind);
      };
    }
  }

  static class AllowsEveryone extends BrokenAuthorizer {
    @Override
    Authorizer broken(Authorizer good) {
      return (caller, operation, kind) -> Optional.empty();
    }
  }

  static class Flaky extends BrokenAuthorizer {
    @Override
    Authorizer broken(Authorizer good) {
      AtomicInteger calls = new AtomicInteger();
      return (caller, operation, kind) ->
          calls.incrementAndGet() % 2 == 0 ? Optional.empty() : good.deny(caller, operation, kind);
    }
  }

  static class BlankReasons extends BrokenAuthorizer {
    @Override
    Authorizer broken(Authorizer good) {
      Function<Optional<String>, Optional<String>> blank = answer -> answer.map(reason -> " ");
      return (caller, operation, kind) -> blank.apply(good.deny(caller, operation, kind));
    }
  }

  /** {@return the rule ids ("exe5") of the tests that passed when {@code contract} runs} */
  static Set<String> passedRules(Class<?> contract) {
    Set<String> passed = new TreeSet<>();
    for (Event event :
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(contract))
            .execute()
            .testEvents()
            .succeeded()
            .list()) {
      Optional<TestSource> source = event.getTestDescriptor().getSource();
      if (source.isPresent() && source.get() instanceof MethodSource method) {
        passed.add(method.getMethodName().substring(0, method.getMethodName().indexOf('_')));
      }
    }
    return passed;
  }

  @Nested
  @DisplayName("Nothing passes without checking")
  class Unchecked {
    @Test
    @DisplayName("EXE-3 is skipped, not passed, when the executor claims every kind")
    void noKindToRefuseIsSkipped() {
      var aborted =
          EngineTestKit.engine("junit-jupiter")
              .selectors(selectClass(ClaimsEveryKind.class))
              .execute()
              .testEvents()
              .aborted()
              .list();
      assertTrue(
          aborted.stream()
              .anyMatch(event -> event.getTestDescriptor().getDisplayName().startsWith("EXE-3")),
          "EXE-3 must be reported skipped");
      assertTrue(
          !passedRules(ClaimsEveryKind.class).contains("exe3"), "EXE-3 passed without checking");
    }

    @Test
    @DisplayName("AUTH-4 is skipped, not passed, when the authorizer denies nothing")
    void noDenialIsSkipped() {
      assertTrue(
          !passedRules(AllowsEveryone.class).contains("auth4"),
          "AUTH-4 passed with no denial to check");
    }

    @Test
    @DisplayName(
        "an executor that claims no kind but runs its backend's fails EXE-1 and EXE-3 and passes no rule")
    void noKindPassesNothing() {
      assertEquals(Set.of("exe1", "exe3"), failedRules(ClaimsNoKind.class));
      assertEquals(Set.of(), passedRules(ClaimsNoKind.class));
    }
  }

  @Nested
  @DisplayName("Declaring a rule unsupported")
  class Declared {
    @Test
    @DisplayName("an optional rule declared unsupported is skipped with the reason, not passed")
    void optionalRuleIsReportedSkipped() {
      var results =
          EngineTestKit.engine("junit-jupiter")
              .selectors(selectClass(CancelUnsupported.class))
              .execute();
      var aborted = results.testEvents().aborted().list();
      assertEquals(1, aborted.size());
      assertTrue(
          aborted
              .get(0)
              .getPayload(org.junit.platform.engine.TestExecutionResult.class)
              .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
              .map(Throwable::getMessage)
              .orElse("")
              .contains("no cancel API"));
      assertEquals(0, results.testEvents().failed().count());
    }

    @Test
    @DisplayName("a MUST rule cannot be declared unsupported")
    void mustRuleCannotBeDeclared() {
      assertEquals(Set.of("exe5"), failedRules(IdempotencyUnsupported.class));
    }
  }

  static class CancelUnsupported extends BrokenExecutor {
    @Override
    protected Map<String, String> unsupportedRules() {
      return Map.of("EXE-9", "the backend has no cancel API");
    }
  }

  static class IdempotencyUnsupported extends BrokenExecutor {
    @Override
    protected Map<String, String> unsupportedRules() {
      return Map.of("EXE-5", "we never retry");
    }
  }
}
