package dev.parry.testkit;

import dev.parry.core.entity.EntityFamily;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.RuntimeListener;
import dev.parry.spi.auth.AccessDeniedException;
import dev.parry.spi.auth.Caller;
import dev.parry.spi.auth.Permission;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.fake.FakeDirectory;
import dev.parry.testkit.fake.FakeMail;
import dev.parry.testkit.fake.InMemoryAuditAnchor;
import dev.parry.testkit.time.TestClock;
import dev.parry.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A Parry runtime wired to fake device, mail and directory backends, a {@link TestClock}, a {@link
 * VirtualScheduler}, an in-memory store and an in-memory audit anchor: everything a test needs,
 * fresh each time, with nothing running until the test moves time.
 *
 * <pre>{@code
 * ParryHarness parry = ParryHarness.create();
 * parry.runtime().open(id, alert, device);
 * parry.runtime().reportEvidence(id, Evidence.of(file, Verdict.MALICIOUS, "", parry.clock().instant()));
 * parry.settle();                                   // dispatches run
 * assertTrue(parry.devices().isQuarantined(file.sha256()));
 * parry.advance(Duration.ofDays(7));                // expiry timers fire
 * }</pre>
 */
public final class ParryHarness implements AutoCloseable {

  /** A caller with every permission. */
  public static final Caller ANALYST =
      Caller.of(
          "analyst@contoso.com",
          Permission.SECURITY_ADMINISTRATOR,
          Permission.SEARCH_AND_PURGE,
          Permission.ACTIVE_REMEDIATION,
          Permission.READ);

  /** A second caller with every permission, for two-step approvals. */
  public static final Caller SECOND_ANALYST =
      Caller.of(
          "reviewer@contoso.com",
          Permission.SECURITY_ADMINISTRATOR,
          Permission.SEARCH_AND_PURGE,
          Permission.ACTIVE_REMEDIATION,
          Permission.READ);

  private final TestClock clock;
  private final VirtualScheduler scheduler;
  private final InvestigationStore store;
  private final FakeDevices devices;
  private final FakeMail mail;
  private final FakeDirectory directory;
  private final InMemoryAuditAnchor anchor = InMemoryAuditAnchor.create();
  private final Consumer<ParryRuntime.Builder> customizer;
  private final List<InvestigationEvent> events = new CopyOnWriteArrayList<>();
  private final List<AccessDeniedException> denials = new CopyOnWriteArrayList<>();
  private ParryRuntime runtime;
  private final String instanceName = "harness-" + UUID.randomUUID();

  /** Executors that stand in for a family's fake, by family. */
  private final Map<EntityFamily, ActionExecutor> own;

  private ParryHarness(Consumer<ParryRuntime.Builder> customizer, InvestigationStore store) {
    this(customizer, store, Map.of());
  }

  private ParryHarness(
      Consumer<ParryRuntime.Builder> customizer,
      InvestigationStore store,
      Map<EntityFamily, ActionExecutor> own) {
    this.clock = TestClock.create();
    this.scheduler = VirtualScheduler.on(clock);
    this.store = store;
    this.devices = FakeDevices.create(clock, scheduler);
    this.mail = FakeMail.create(clock, scheduler);
    this.directory = FakeDirectory.create(clock, scheduler);
    this.customizer = customizer;
    this.own = Map.copyOf(own);
    this.runtime = build();
  }

  /** {@return a started harness with the runtime's defaults} */
  public static ParryHarness create() {
    return create(builder -> {});
  }

  /**
   * {@return a started harness whose runtime builder is adjusted by {@code customizer}}
   *
   * @param customizer changes to the builder (limits, device groups, listeners...), applied after
   *     the harness wired the clock, scheduler, store, audit anchor and fakes
   */
  public static ParryHarness create(Consumer<ParryRuntime.Builder> customizer) {
    return new ParryHarness(
        Objects.requireNonNull(customizer, "customizer"), InMemoryInvestigationStore.create());
  }

  /**
   * {@return a started harness whose {@code family} is served by {@code executor} instead of its
   * fake}: the other families keep their fakes, so a test can run its own executor through the
   * whole runtime
   *
   * <pre>{@code
   * try (ParryHarness parry = ParryHarness.withExecutor(EntityFamily.DEVICE, myEdrExecutor, b -> { })) { ... }
   * }</pre>
   *
   * @param family the family the executor serves
   * @param executor the executor
   * @param customizer changes to the builder
   */
  public static ParryHarness withExecutor(
      EntityFamily family, ActionExecutor executor, Consumer<ParryRuntime.Builder> customizer) {
    return new ParryHarness(
        Objects.requireNonNull(customizer, "customizer"),
        InMemoryInvestigationStore.create(),
        Map.of(
            Objects.requireNonNull(family, "family"),
            Objects.requireNonNull(executor, "executor")));
  }

  /**
   * {@return a started harness on {@code store}}, to run the runtime against another store
   *
   * @param store the store
   * @param customizer changes to the builder
   */
  public static ParryHarness onStore(
      InvestigationStore store, Consumer<ParryRuntime.Builder> customizer) {
    return new ParryHarness(
        Objects.requireNonNull(customizer, "customizer"), Objects.requireNonNull(store, "store"));
  }

  private ParryRuntime build() {
    ParryRuntime.Builder builder =
        ParryRuntime.builder()
            .clock(clock)
            .scheduler(scheduler)
            .store(store)
            .auditAnchor(anchor)
            .instanceName(instanceName)
            .executor(
                own.containsKey(EntityFamily.DEVICE) ? "own-devices" : "fake-devices",
                own.getOrDefault(EntityFamily.DEVICE, devices.executor()))
            .executor(
                own.containsKey(EntityFamily.EMAIL) ? "own-mail" : "fake-mail",
                own.getOrDefault(EntityFamily.EMAIL, mail.executor()))
            .executor(
                own.containsKey(EntityFamily.IDENTITY) ? "own-directory" : "fake-directory",
                own.getOrDefault(EntityFamily.IDENTITY, directory.executor()))
            .listener(
                new RuntimeListener() {
                  @Override
                  public void onEvent(InvestigationEvent event) {
                    events.add(event);
                  }

                  @Override
                  public void onAccessDenied(AccessDeniedException denial) {
                    denials.add(denial);
                  }
                });
    customizer.accept(builder);
    ParryRuntime built = builder.build();
    built.start();
    return built;
  }

  /**
   * Simulates a restart: the runtime is closed, work queued in the scheduler is dropped, and a new
   * runtime on the same store and backends, under the same {@linkplain
   * ParryRuntime.Builder#instanceName instance name}, starts and resumes at once (its dispatch
   * leases are its own).
   *
   * @return the new runtime
   */
  public ParryRuntime restart() {
    runtime.close();
    scheduler.dropAll();
    runtime = build();
    return runtime;
  }

  /** {@return the runtime} */
  public ParryRuntime runtime() {
    return runtime;
  }

  /** {@return the clock} */
  public TestClock clock() {
    return clock;
  }

  /** {@return the scheduler} */
  public VirtualScheduler scheduler() {
    return scheduler;
  }

  /** {@return the store} */
  public InvestigationStore store() {
    return store;
  }

  /**
   * {@return the audit anchor the runtime hands every chain head to; it outlives {@link
   * #restart()}}
   */
  public InMemoryAuditAnchor anchor() {
    return anchor;
  }

  /** {@return the fake fleet} */
  public FakeDevices devices() {
    return devices;
  }

  /** {@return the fake mail system} */
  public FakeMail mail() {
    return mail;
  }

  /** {@return the fake directory} */
  public FakeDirectory directory() {
    return directory;
  }

  /**
   * Runs every task due now: dispatches, outcomes, follow-ups.
   *
   * @return how many ran
   */
  public int settle() {
    return scheduler.runDue();
  }

  /**
   * Moves virtual time forward, running each timer when it falls due.
   *
   * @param duration how far
   * @return how many tasks ran
   */
  public int advance(Duration duration) {
    return scheduler.advance(duration);
  }

  /**
   * Approves an action as {@link #ANALYST} and runs what falls due.
   *
   * @param id the action
   * @return the action after the approval and its dispatch
   */
  public ActionRecord approve(ActionId id) {
    runtime.approve(id, ANALYST, "approved by the test");
    settle();
    return action(id);
  }

  /**
   * {@return the action as stored now}
   *
   * @param id the action
   * @throws AssertionError if the store has no such action
   */
  public ActionRecord action(ActionId id) {
    return runtime
        .investigation(id.investigation(), ANALYST)
        .flatMap(i -> i.action(id))
        .orElseThrow(() -> new AssertionError("no action " + id));
  }

  /**
   * Asserts an investigation's status.
   *
   * @param id the investigation
   * @param expected the status it must have
   * @throws AssertionError naming the actual status and the actions, if it differs
   */
  public void assertStatus(InvestigationId id, InvestigationStatus expected) {
    Investigation investigation =
        runtime
            .investigation(id, ANALYST)
            .orElseThrow(() -> new AssertionError("no investigation " + id));
    if (investigation.status() != expected) {
      throw new AssertionError(
          "investigation "
              + id
              + " is "
              + investigation.status()
              + ", expected "
              + expected
              + "; actions: "
              + investigation.actions());
    }
  }

  /** {@return the actions pending approval, oldest first (first 1,000)} */
  public List<ActionRecord> pending() {
    return runtime
        .actions(ActionQuery.pending().limit(ActionQuery.MAX_LIMIT).build(), ANALYST)
        .items();
  }

  /** {@return every event stored, in order} */
  public List<InvestigationEvent> events() {
    return List.copyOf(events);
  }

  /** {@return every access denial, in order} */
  public List<AccessDeniedException> denials() {
    return List.copyOf(denials);
  }

  @Override
  public void close() {
    runtime.close();
  }
}
