package dev.parry.testkit.fake;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.UserAccount;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.IdentityActionExecutor;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fake directory: disabled and enabled accounts, password resets, revoked sessions, compromised
 * marks, containment and suspension elsewhere.
 *
 * <pre>{@code
 * FakeDirectory fake = FakeDirectory.create(clock, scheduler);
 * ParryRuntime parry = ParryRuntime.builder().executor("directory", fake.executor()).build();
 * }</pre>
 */
public final class FakeDirectory extends FakeBackend {

  private static final class Executor extends FakeExecutor implements IdentityActionExecutor {
    Executor(FakeEngine engine) {
      super(engine, "FakeDirectory");
    }
  }

  private final Executor executor = new Executor(engine);

  private FakeDirectory(Clock clock, @Nullable TaskScheduler scheduler) {
    super(new FakeEngine(EntityFamily.IDENTITY, clock, scheduler));
  }

  /**
   * {@return an empty backend on {@code clock}; latency faults complete at once}
   *
   * @param clock the clock calls are recorded with
   */
  public static FakeDirectory create(Clock clock) {
    return new FakeDirectory(Objects.requireNonNull(clock, "clock"), null);
  }

  /**
   * {@return an empty backend whose latency faults complete on {@code scheduler}}
   *
   * @param clock the clock calls are recorded with
   * @param scheduler where delayed answers are scheduled
   */
  public static FakeDirectory create(Clock clock, TaskScheduler scheduler) {
    return new FakeDirectory(
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(scheduler, "scheduler"));
  }

  @Override
  public ActionExecutor executor() {
    return executor;
  }

  @Override
  public EntityFamily family() {
    return EntityFamily.IDENTITY;
  }

  /**
   * {@return whether the account is disabled}
   *
   * @param user the account
   */
  public boolean isDisabled(UserAccount user) {
    return engine.hasEffect(ActionKind.DISABLE_USER, user.key().value());
  }

  /**
   * {@return whether the account's sessions were revoked}
   *
   * @param user the account
   */
  public boolean sessionsRevoked(UserAccount user) {
    return engine.hasEffect(ActionKind.REVOKE_SESSIONS, user.key().value());
  }
}
