package dev.parry.testkit.recovery;

import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.Page;
import dev.parry.testkit.fake.ForwardingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A store that runs a test's code once, right after a chosen read answered and before the answer
 * reaches the caller: a deterministic stand-in for another thread running at exactly that moment.
 */
final class AdversaryHookStore extends ForwardingStore {

  private final AtomicReference<Runnable> afterLoad = new AtomicReference<>();
  private final AtomicReference<Runnable> afterQuery = new AtomicReference<>();
  private final AtomicReference<ClaimHookFor> beforeClaimHook = new AtomicReference<>();

  /** What to run before a lease claim: the claimed action. */
  @FunctionalInterface
  interface ClaimHook {
    void run(ActionId action);
  }

  private record ClaimHookFor(String owner, ClaimHook hook) {}

  AdversaryHookStore(InvestigationStore delegate) {
    super(delegate);
  }

  /** Runs {@code hook} once, after the next load answered. */
  void afterNextLoad(Runnable hook) {
    afterLoad.set(hook);
  }

  /**
   * Runs {@code hook} once, before the next lease claim by {@code owner} reaches the store (a first
   * dispatch's claim comes with its start's write): another runtime acting while that write is out.
   */
  void beforeNextClaimBy(String owner, ClaimHook hook) {
    beforeClaimHook.set(new ClaimHookFor(owner, hook));
  }

  /** Runs {@code hook} once, after the next action query answered. */
  void afterNextQuery(Runnable hook) {
    afterQuery.set(hook);
  }

  @Override
  public Optional<Investigation> load(InvestigationId id) {
    Optional<Investigation> answer = super.load(id);
    Runnable hook = afterLoad.getAndSet(null);
    if (hook != null) {
      hook.run();
    }
    return answer;
  }

  @Override
  public Page<ActionRecord> queryActions(ActionQuery query) {
    Page<ActionRecord> answer = super.queryActions(query);
    Runnable hook = afterQuery.getAndSet(null);
    if (hook != null) {
      hook.run();
    }
    return answer;
  }

  @Override
  public boolean claim(ActionId action, String owner, Instant now, Duration lease) {
    ClaimHookFor waiting = beforeClaimHook.get();
    if (waiting != null
        && waiting.owner().equals(owner)
        && beforeClaimHook.compareAndSet(waiting, null)) {
      waiting.hook().run(action);
    }
    return super.claim(action, owner, now, lease);
  }
}
