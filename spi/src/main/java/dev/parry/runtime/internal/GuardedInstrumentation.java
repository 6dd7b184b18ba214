package dev.parry.runtime.internal;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EntityFamily;
import dev.parry.runtime.observe.CallOutcome;
import dev.parry.runtime.observe.ExecutorCall;
import dev.parry.runtime.observe.Instrumentation;
import dev.parry.runtime.observe.RetryReason;
import dev.parry.runtime.observe.RuntimeGauges;
import dev.parry.spi.executor.ExecutionPurpose;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instrumentation the runtime calls: the user's, with every exception it throws caught, and
 * every error but a {@link VirtualMachineError} (an assertion, a class missing from the path), so
 * that metrics and traces never break a dispatch. The first failure is logged as a warning, later
 * ones at debug level only.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class GuardedInstrumentation implements Instrumentation {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedInstrumentation.class);

  private final Instrumentation delegate;
  private final AtomicBoolean warned = new AtomicBoolean();

  private GuardedInstrumentation(Instrumentation delegate) {
    this.delegate = delegate;
  }

  /**
   * {@return {@code instrumentation} guarded}, or {@link Instrumentation#none()} itself, which
   * cannot throw and costs nothing to call
   *
   * @param instrumentation the user's instrumentation
   */
  public static Instrumentation of(Instrumentation instrumentation) {
    return instrumentation == Instrumentation.none()
            || instrumentation instanceof GuardedInstrumentation
        ? instrumentation
        : new GuardedInstrumentation(instrumentation);
  }

  /**
   * {@return whether {@code instrumentation} records anything}: if not, the runtime skips the work
   * done only for it
   *
   * @param instrumentation the instrumentation
   */
  public static boolean records(Instrumentation instrumentation) {
    return instrumentation != Instrumentation.none();
  }

  @Override
  public Call executorCall(ExecutorCall call) {
    try {
      Call started = delegate.executorCall(call);
      return started == null ? Call.NONE : new GuardedCall(started);
    } catch (RuntimeException | Error e) {
      failed("executorCall", e);
      return Call.NONE;
    }
  }

  @Override
  public void dispatched(
      ActionKind kind, EntityFamily family, ExecutionPurpose purpose, Duration sinceDecided) {
    try {
      delegate.dispatched(kind, family, purpose, sinceDecided);
    } catch (RuntimeException | Error e) {
      failed("dispatched", e);
    }
  }

  @Override
  public void retrying(ActionKind kind, EntityFamily family, RetryReason reason) {
    try {
      delegate.retrying(kind, family, reason);
    } catch (RuntimeException | Error e) {
      failed("retrying", e);
    }
  }

  @Override
  public void rateLimited(ActionKind kind, EntityFamily family, Duration retryAfter) {
    try {
      delegate.rateLimited(kind, family, retryAfter);
    } catch (RuntimeException | Error e) {
      failed("rateLimited", e);
    }
  }

  @Override
  public Binding bind(RuntimeGauges gauges) {
    Binding bound;
    try {
      bound = delegate.bind(gauges);
    } catch (RuntimeException | Error e) {
      failed("bind", e);
      return Binding.NONE;
    }
    if (bound == null) {
      return Binding.NONE;
    }
    return () -> {
      try {
        bound.close();
      } catch (RuntimeException | Error e) {
        failed("unbind", e);
      }
    };
  }

  /**
   * Logs what the instrumentation threw; rethrows a {@link VirtualMachineError}, which nothing
   * should swallow.
   */
  private void failed(String where, Throwable e) {
    if (e instanceof VirtualMachineError fatal) {
      throw fatal;
    }
    if (warned.compareAndSet(false, true)) {
      LOG.atWarn()
          .log(
              "instrumentation "
                  + delegate.getClass().getName()
                  + " threw in "
                  + where
                  + " ("
                  + e.getClass().getName()
                  + "); the runtime carries on, and logs further failures at debug level only");
    } else {
      LOG.atDebug().log("instrumentation threw in " + where + " (" + e.getClass().getName() + ")");
    }
  }

  @Override
  public String toString() {
    return "GuardedInstrumentation{delegate=" + delegate + "}";
  }

  /** One call of the user's instrumentation, guarded. */
  private final class GuardedCall implements Call {
    private final Call call;

    GuardedCall(Call call) {
      this.call = call;
    }

    @Override
    public Scope open() {
      Scope scope;
      try {
        scope = call.open();
      } catch (RuntimeException | Error e) {
        failed("open", e);
        return Scope.NONE;
      }
      if (scope == null) {
        return Scope.NONE;
      }
      return () -> {
        try {
          scope.close();
        } catch (RuntimeException | Error e) {
          failed("close", e);
        }
      };
    }

    @Override
    public void end(CallOutcome outcome, @Nullable Throwable error) {
      try {
        call.end(outcome, error);
      } catch (RuntimeException | Error e) {
        failed("end", e);
      }
    }
  }
}
