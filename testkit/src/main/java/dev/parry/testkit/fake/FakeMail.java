package dev.parry.testkit.fake;

import dev.parry.core.action.ActionKind;
import dev.parry.core.entity.EmailContent;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.entity.WebUrl;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.EmailActionExecutor;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fake mail system: soft and hard deletion, moves, quarantine of messages and attachments, URL
 * blocks, forwarding rules and delegations, each with its undo where one exists.
 *
 * <pre>{@code
 * FakeMail fake = FakeMail.create(clock, scheduler);
 * ParryRuntime parry = ParryRuntime.builder().executor("mail", fake.executor()).build();
 * }</pre>
 */
public final class FakeMail extends FakeBackend {

  private static final class Executor extends FakeExecutor implements EmailActionExecutor {
    Executor(FakeEngine engine) {
      super(engine, "FakeMail");
    }
  }

  private final Executor executor = new Executor(engine);

  private FakeMail(Clock clock, @Nullable TaskScheduler scheduler) {
    super(new FakeEngine(EntityFamily.EMAIL, clock, scheduler));
  }

  /**
   * {@return an empty backend on {@code clock}; latency faults complete at once}
   *
   * @param clock the clock calls are recorded with
   */
  public static FakeMail create(Clock clock) {
    return new FakeMail(Objects.requireNonNull(clock, "clock"), null);
  }

  /**
   * {@return an empty backend whose latency faults complete on {@code scheduler}}
   *
   * @param clock the clock calls are recorded with
   * @param scheduler where delayed answers are scheduled
   */
  public static FakeMail create(Clock clock, TaskScheduler scheduler) {
    return new FakeMail(
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(scheduler, "scheduler"));
  }

  @Override
  public ActionExecutor executor() {
    return executor;
  }

  @Override
  public EntityFamily family() {
    return EntityFamily.EMAIL;
  }

  /**
   * {@return whether the email was soft-deleted to Recoverable Items and not moved back}
   *
   * @param content the email
   */
  public boolean isSoftDeleted(EmailContent content) {
    return engine.hasEffect(ActionKind.SOFT_DELETE_EMAIL, content.key().value());
  }

  /**
   * {@return whether the email is in quarantine}
   *
   * @param content the email
   */
  public boolean isQuarantined(EmailContent content) {
    return engine.hasEffect(ActionKind.QUARANTINE_EMAIL, content.key().value());
  }

  /**
   * {@return whether the URL is blocked at time of click, found in any message or none}
   *
   * @param url the URL
   */
  public boolean isBlocked(WebUrl url) {
    return engine.effects().stream()
        .anyMatch(e -> e.startsWith("BLOCK_URL@url:" + url.normalized()));
  }
}
