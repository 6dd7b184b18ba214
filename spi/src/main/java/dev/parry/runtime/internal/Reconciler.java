// Past 400 lines because one pass over due work, its failure handling and the health it reports
// belong together.
package dev.parry.runtime.internal;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.Obligation;
import dev.parry.runtime.RuntimeHealth;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.internal.LogSafe;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.Pages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Level-triggered recovery: on every pass it asks the store what is due ({@link
 * InvestigationStore#due}) and does it, idempotently: expires pending actions, ends time boxes, and
 * hands dispatches and undos nobody carries to the dispatcher, which claims them through the
 * leases. A pass runs at start, on a fixed cadence, and early when a stored event makes something
 * due sooner (a pending action's expiry, a time box's end); none of these wake-ups is needed for
 * correctness, since the next pass finds the work anyway. Each tick also renews this runtime's
 * dispatch leases, ends flights whose timers the scheduler lost, and offers the audit anchor the
 * chain heads it failed to take.
 *
 * <p>It never dies: a failed pass is logged once with its cause, counted, and retried with capped
 * backoff; one item that fails is logged and left for the next pass; a tick that cannot re-arm
 * itself is re-armed by the next call into the runtime ({@link #ensureArmed()}).
 *
 * <p><b>Internal:</b> not API, may change without notice.
 *
 * <p>Past 400 lines because one pass over due work, its failure handling and the health it reports
 * belong together.
 */
public final class Reconciler implements EventRouter.Reaction {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  /** How many due actions one query answers; a pass reads pages until it has seen them all. */
  static final int PAGE = 500;

  /**
   * The most pending actions a pass counts for the gauge: {@value}; past it the gauge shows this
   * many.
   */
  static final int MAX_PENDING_COUNTED = 10 * ActionQuery.MAX_LIMIT;

  /**
   * The most pages a count reads: {@value}, twice what full pages need to reach {@link
   * #MAX_PENDING_COUNTED}.
   */
  static final int MAX_PENDING_PAGES = 2 * MAX_PENDING_COUNTED / ActionQuery.MAX_LIMIT;

  private final InvestigationStore store;
  private final Clock clock;
  private final TaskScheduler scheduler;
  private final CommandEngine engine;
  private final Dispatcher dispatcher;
  private final Anchoring anchoring;
  private final Completions completions;
  private final Duration interval;
  private final Duration backoffBase;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicBoolean passing = new AtomicBoolean();
  private final AtomicBoolean guarded = new AtomicBoolean();

  /** Which chain of ticks is current; 0 is never one, so an early wake-up never re-arms. */
  private final AtomicLong generation = new AtomicLong();

  /** When the armed tick counts as lost: its due time plus an interval, or null before arming. */
  private volatile @Nullable Instant overdueAt;

  private final Instant builtAt;
  private volatile boolean started;
  private volatile boolean closed;
  private volatile @Nullable Instant lastPass;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final AtomicLong failedPasses = new AtomicLong();
  private final boolean countPending;

  /** How many actions waited for approval at the last count; -1 before the first. */
  private volatile int pendingApprovals = -1;

  /**
   * Creates the reconciler.
   *
   * @param store the store
   * @param clock the clock
   * @param scheduler where ticks run
   * @param engine how commands are decided and stored
   * @param dispatcher the dispatcher, handed what is due to dispatch or undo
   * @param anchoring the chain heads the audit anchor has not taken yet, offered again on every
   *     tick
   * @param completions the investigations waited for, read again on every tick
   * @param interval how often a pass runs when all is well
   * @param backoffBase the first retry delay after a failed pass; doubled per failure, capped at
   *     {@code interval}
   * @param countPending whether each pass counts the actions pending approval, for a gauge
   */
  public Reconciler(
      InvestigationStore store,
      Clock clock,
      TaskScheduler scheduler,
      CommandEngine engine,
      Dispatcher dispatcher,
      Anchoring anchoring,
      Completions completions,
      Duration interval,
      Duration backoffBase,
      boolean countPending) {
    this.store = store;
    this.clock = clock;
    this.scheduler = scheduler;
    this.engine = engine;
    this.dispatcher = dispatcher;
    this.anchoring = anchoring;
    this.completions = completions;
    this.interval = interval;
    this.backoffBase = backoffBase.compareTo(interval) < 0 ? backoffBase : interval;
    this.builtAt = clock.instant();
    this.countPending = countPending;
  }

  /**
   * Runs the first pass and, if it completed, starts the ticks; throws if the pass could not read
   * the store, so that a start that failed can be retried.
   *
   * @throws RuntimeException what the store threw
   */
  public void start() {
    Instant now = clock.instant();
    try {
      pass(now);
    } catch (RuntimeException e) {
      failed(e);
      throw e;
    }
    started = true;
    arm(interval);
  }

  /** Stops the ticks. */
  public void close() {
    closed = true;
    started = false;
  }

  /**
   * Re-arms the ticks if a refused timer stopped them, or if the armed tick is overdue by a whole
   * interval (the scheduler accepted it and lost it); cheap enough to call on every operation.
   */
  public void ensureArmed() {
    if (!started || closed) {
      return;
    }
    guard();
    Instant overdue = overdueAt;
    if (armed.get() && (overdue == null || clock.millis() <= overdue.toEpochMilli())) {
      return;
    }
    armed.set(false);
    arm(Duration.ZERO);
  }

  /** {@return how the reconciler is doing} */
  public RuntimeHealth health() {
    ensureArmed();
    Instant last = lastPass;
    Instant since = last != null ? last : builtAt;
    Duration lag = Duration.between(since, clock.instant());
    return new RuntimeHealth(
        started,
        last,
        lag.isNegative() ? Duration.ZERO : lag,
        consecutiveFailures.get(),
        failedPasses.get(),
        interval,
        anchoring.waiting());
  }

  /**
   * {@return how many actions waited for approval at the last pass that counted them}: empty before
   * the first, or when counting is off. Counts past {@value #MAX_PENDING_COUNTED} show as that
   * many.
   */
  public OptionalInt pendingApprovals() {
    int counted = pendingApprovals;
    return counted < 0 ? OptionalInt.empty() : OptionalInt.of(counted);
  }

  @Override
  public void on(InvestigationEvent event, Investigation after) {
    if (!started) {
      return;
    }
    if (event instanceof InvestigationEvent.ActionProposed
        || event instanceof InvestigationEvent.ActionHeld
        || event instanceof InvestigationEvent.ActionSucceeded
        || event instanceof InvestigationEvent.TimeBoxExtended) {
      after
          .action(((InvestigationEvent.ActionEvent) event).actionId())
          .flatMap(ActionRecord::obligation)
          .filter(
              o -> o.kind() == Obligation.Kind.EXPIRE || o.kind() == Obligation.Kind.END_TIME_BOX)
          .ifPresent(o -> wakeAt(o.due()));
    }
  }

  /**
   * Wakes the reconciler when {@code due} comes, an optimisation: a refused timer only delays the
   * work to the next tick.
   */
  private void wakeAt(Instant due) {
    Duration delay = Duration.between(clock.instant(), due);
    if (delay.compareTo(interval) < 0) {
      return; // the next tick, within one interval, does it
    }
    try {
      scheduler.schedule(delay, () -> tick(0));
    } catch (RuntimeException e) {
      LOG.atDebug().log("could not arm an early wake-up; the next tick does the work");
    }
  }

  /**
   * Keeps one guard timer out, two intervals ahead, that re-arms the ticks if their timer was lost
   * meanwhile: a call into the runtime thus revives a reconciler whose timer the scheduler accepted
   * and never ran, as soon as the scheduler runs timers again.
   */
  private void guard() {
    if (!guarded.compareAndSet(false, true)) {
      return;
    }
    try {
      scheduler.schedule(
          interval.multipliedBy(2).plusMillis(1),
          () -> {
            guarded.set(false);
            ensureArmed();
          });
    } catch (RuntimeException e) {
      guarded.set(false);
    }
  }

  private void arm(Duration delay) {
    if (closed || !armed.compareAndSet(false, true)) {
      return;
    }
    long chain =
        generation
            .incrementAndGet(); // an older chain whose timer turns up late ends instead of forking
    overdueAt = clock.instant().plus(delay).plus(interval);
    try {
      scheduler.schedule(delay, () -> tick(chain));
    } catch (RuntimeException e) {
      armed.set(false);
      LOG.atError()
          .log(
              "could not arm the reconciler ("
                  + e.getClass().getName()
                  + "); the next call into the runtime arms it again");
    }
  }

  private void tick(long chain) {
    boolean current = chain == generation.get();
    if (current) {
      armed.set(false);
    }
    if (closed) {
      return;
    }
    Duration next = interval;
    try {
      Instant now = clock.instant();
      dispatcher.renewLeases();
      dispatcher.sweep(now);
      anchoring.retry();
      pass(now);
      completions.check();
    } catch (RuntimeException e) {
      failed(e);
      next = retryDelay();
    } finally {
      if (current) {
        arm(next);
      } else {
        ensureArmed();
      }
    }
  }

  private void failed(RuntimeException e) {
    int failures = consecutiveFailures.incrementAndGet();
    failedPasses.incrementAndGet();
    if (failures == 1) {
      LOG.atError()
          .addKeyValue("failures", failures)
          .log(
              "reconciler pass failed ("
                  + e.getClass().getName()
                  + ": "
                  + LogSafe.of(e.getMessage())
                  + "); retrying with backoff");
    } else {
      LOG.atDebug().addKeyValue("failures", failures).log("reconciler pass failed again");
    }
  }

  private Duration retryDelay() {
    int doublings = Math.min(Math.max(consecutiveFailures.get() - 1, 0), 20);
    Duration delay = backoffBase.multipliedBy(1L << doublings);
    return delay.compareTo(interval) < 0 ? delay : interval;
  }

  /** One pass over every due action; throws only if the store cannot answer the due query. */
  private void pass(Instant now) {
    if (!passing.compareAndSet(false, true)) {
      return; // a pass is running on another thread: it sees the same due work
    }
    try {
      ActionRecord after = null;
      while (true) {
        List<ActionRecord> page = store.due(now, dispatcher.owner(), after, PAGE);
        for (ActionRecord action : page) {
          handle(action);
        }
        if (page.size() < PAGE) {
          break;
        }
        dispatcher.renewLeases(); // a long pass must not let the leases of work in flight run out
        after = lastWithObligation(page);
        if (after == null) {
          break;
        }
      }
      int failures = consecutiveFailures.getAndSet(0);
      if (failures > 0) {
        LOG.atInfo().addKeyValue("failures", failures).log("reconciler recovered");
      }
      lastPass = now;
    } finally {
      passing.set(false);
    }
    if (countPending) {
      countPending();
    }
  }

  /**
   * Counts the actions pending approval, page by page up to {@value #MAX_PENDING_COUNTED}; a failed
   * count keeps the last. A store that pages wrongly (a cursor read before, or more than {@value
   * #MAX_PENDING_PAGES} pages) fails the count rather than holding the pass forever.
   */
  private void countPending() {
    try {
      AtomicInteger pages = new AtomicInteger();
      long count =
          Pages.stream(
                  ActionQuery.pending().limit(ActionQuery.MAX_LIMIT).build(),
                  query -> {
                    if (pages.incrementAndGet() > MAX_PENDING_PAGES) {
                      throw new IllegalStateException(
                          "more than "
                              + MAX_PENDING_PAGES
                              + " pages of "
                              + ActionQuery.MAX_LIMIT
                              + " actions pending approval: the store does not page correctly");
                    }
                    return store.queryActions(query);
                  })
              .limit(MAX_PENDING_COUNTED)
              .count();
      pendingApprovals = (int) count;
    } catch (RuntimeException e) {
      LOG.atDebug().log(
          "could not count the actions pending approval ("
              + e.getClass().getName()
              + "); the next pass counts them again");
    }
  }

  /**
   * {@return the last action of a page that has an obligation, to page on from}: a row written by
   * hand may have none
   */
  private static @Nullable ActionRecord lastWithObligation(List<ActionRecord> page) {
    for (int i = page.size() - 1; i >= 0; i--) {
      if (page.get(i).obligation().isPresent()) {
        return page.get(i);
      }
    }
    return null;
  }

  private void handle(ActionRecord action) {
    Optional<Obligation> obligation = action.obligation();
    if (obligation.isEmpty()) {
      return;
    }
    try {
      switch (obligation.get().kind()) {
        case EXPIRE ->
            engine.applyQuietly(action.id().investigation(), s -> new Command.Expire(action.id()));
        case END_TIME_BOX ->
            engine.applyQuietly(
                action.id().investigation(), s -> new Command.EndTimeBox(action.id()));
        case DISPATCH, UNDO -> dispatcher.resume(action);
      }
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("actionId", LogSafe.of(action.id()))
          .addKeyValue("obligation", obligation.get().kind())
          .log(
              "could not handle due work ("
                  + e.getClass().getName()
                  + "); the next pass tries again");
    }
  }
}
