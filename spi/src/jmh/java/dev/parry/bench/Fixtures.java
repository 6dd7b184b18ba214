package dev.parry.bench;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.DeviceActionExecutor;
import dev.parry.spi.executor.EmailActionExecutor;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.spi.executor.IdentityActionExecutor;
import dev.parry.spi.store.InMemoryInvestigationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Shared pieces of the benchmarks. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
  static final Device DEVICE = Device.of(DeviceId.of("bench-device"), DeviceName.of("ws-bench"));
  static final Sha256 HASH =
      Sha256.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  static final DeviceFile FILE =
      DeviceFile.onDevice(HASH, DEVICE.id(), WindowsPath.of("C:\\Users\\al\\Downloads\\x.exe"));
  static final CompletableFuture<ExecutionOutcome> DONE =
      CompletableFuture.completedFuture(ExecutionOutcome.succeeded(""));

  private Fixtures() {}

  /**
   * Runs every task at once on the caller's thread; timers are dropped (outcomes arrive at once).
   */
  static final TaskScheduler INLINE =
      new TaskScheduler() {
        @Override
        public void execute(Runnable task) {
          task.run();
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
          return () -> {};
        }
      };

  /** Drops every task: for benchmarks of the decision path alone, without dispatch. */
  static final TaskScheduler DROP =
      new TaskScheduler() {
        @Override
        public void execute(Runnable task) {}

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
          return () -> {};
        }
      };

  static Set<ActionKind> kinds(EntityFamily family) {
    Set<ActionKind> kinds = EnumSet.noneOf(ActionKind.class);
    for (ActionKind kind : ActionKind.values()) {
      if (kind.family() == family) {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  static DeviceActionExecutor devices() {
    return new DeviceActionExecutor() {
      public Set<ActionKind> supportedKinds() {
        return kinds(EntityFamily.DEVICE);
      }

      public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
        return DONE;
      }

      public CompletionStage<ExecutionOutcome> status(
          ExecutionRequest request, ExternalReference reference) {
        return DONE;
      }
    };
  }

  static ActionExecutor mail() {
    return new EmailActionExecutor() {
      public Set<ActionKind> supportedKinds() {
        return kinds(EntityFamily.EMAIL);
      }

      public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
        return DONE;
      }

      public CompletionStage<ExecutionOutcome> status(
          ExecutionRequest request, ExternalReference reference) {
        return DONE;
      }
    };
  }

  static ActionExecutor directory() {
    return new IdentityActionExecutor() {
      public Set<ActionKind> supportedKinds() {
        return kinds(EntityFamily.IDENTITY);
      }

      public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
        return DONE;
      }

      public CompletionStage<ExecutionOutcome> status(
          ExecutionRequest request, ExternalReference reference) {
        return DONE;
      }
    };
  }

  static Command propose(int device, ApprovalMode mode) {
    return new Command.ProposeAction(
        new Command.Proposal(
            new PlannedAction(
                new IsolateDevice(
                    Device.of(DeviceId.of("d" + device), DeviceName.of("ws")), IsolationType.FULL),
                mode,
                "bench"),
            ApprovalRule.SINGLE),
        Actor.system());
  }

  /**
   * An investigation with {@code actions} actions, the first {@code pending} of them pending
   * approval.
   */
  static Investigation investigation(String id, int actions, int pending) {
    Investigation state =
        Investigation.open(
                InvestigationId.of(id),
                AlertId.of("a"),
                AutomationLevel.FULL,
                Investigation.DEFAULT_PENDING_EXPIRY,
                Actor.system(),
                NOW)
            .after();
    for (int i = 0; i < actions; i++) {
      state =
          ((Decision.Accepted)
                  state.decide(
                      propose(
                          i, i < pending ? ApprovalMode.REQUIRES_APPROVAL : ApprovalMode.AUTOMATIC),
                      NOW.plusMillis(i)))
              .after();
    }
    return state;
  }

  /** An investigation's events and the state they build. */
  record Built(List<InvestigationEvent> events, Investigation state) {}

  /**
   * {@return investigation {@code inv-n}: {@code actions} actions, the first {@code pending}
   * pending, opened n seconds in}
   */
  static Built built(int n, int actions, int pending) {
    InvestigationId id = InvestigationId.of("inv-" + n);
    Decision.Accepted opened =
        Investigation.open(
            id,
            AlertId.of("a"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            NOW.plusSeconds(n));
    List<InvestigationEvent> events = new ArrayList<>(opened.events());
    Investigation state = opened.after();
    for (int i = 0; i < actions; i++) {
      Decision.Accepted next =
          (Decision.Accepted)
              state.decide(
                  propose(
                      n * actions + i,
                      i < pending ? ApprovalMode.REQUIRES_APPROVAL : ApprovalMode.AUTOMATIC),
                  NOW.plusSeconds(n).plusMillis(i));
      events.addAll(next.events());
      state = next.after();
    }
    return new Built(events, state);
  }

  /**
   * Fills a store with {@code investigations} investigations of {@code actions} actions, {@code
   * pending} pending, as a runtime without an audit anchor writes them: without computing their
   * chain hashes.
   */
  static InMemoryInvestigationStore store(int investigations, int actions, int pending) {
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    for (int n = 0; n < investigations; n++) {
      Built built = built(n, actions, pending);
      store.appendWithoutHead(built.state().id(), 0, built.events(), built.state());
    }
    return store;
  }
}
