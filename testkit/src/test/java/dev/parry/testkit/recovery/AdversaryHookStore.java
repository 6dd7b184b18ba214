package dev.parry.testkit.recovery;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.Page;
import dev.parry.testkit.fake.ForwardingStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A store that runs a test's code once, right after a chosen read answered and before the answer
 * reaches the caller: a deterministic stand-in for another thread running at exactly that moment.
 */
final class AdversaryHookStore extends ForwardingStore {

  private final AtomicReference<Runnable> afterLoad = new AtomicReference<>();
  private final AtomicReference<Runnable> afterQuery = new AtomicReference<>();

  AdversaryHookStore(InvestigationStore delegate) {
    super(delegate);
  }

  /** Runs {@code hook} once, after the next load answered. */
  void afterNextLoad(Runnable hook) {
    afterLoad.set(hook);
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
}
