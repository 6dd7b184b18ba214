package dev.parry.runtime.internal;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.DeviceAction;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.spi.executor.DeviceActionExecutor;
import dev.parry.spi.executor.DeviceExclusions;
import dev.parry.spi.safety.SafetyGuards;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protected devices against actions whose target is not one device: a file known by its hash alone
 * is stopped and quarantined wherever it is, protected devices included. Every request for such an
 * action carries the protected devices to leave out ({@link #exclusionsFor}), less those a
 * break-glass override opened; while any device is excluded, it runs automatically only on an
 * executor that {@linkplain DeviceActionExecutor#honoursExclusions() honours exclusions}, and
 * otherwise waits for approval ({@link #apply} when planned, {@link #holdReason} just before each
 * call with nothing outstanding).
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class FleetExclusions {

  /** Why a fleet-wide automatic action waits for approval. */
  public static final String HOLD_REASON =
      "fleet-wide action would reach protected devices: approval required";

  private static final Logger LOG = LoggerFactory.getLogger(FleetExclusions.class);

  private final SafetyGuards guards;
  private final ExecutorRegistry registry;
  private final Supplier<Set<DeviceId>> opened;

  /**
   * Creates the check.
   *
   * @param guards the configured guards, for the protected devices and tags
   * @param registry the executors, asked whether they honour exclusions
   * @param opened the devices a break-glass override opens now
   */
  public FleetExclusions(
      SafetyGuards guards, ExecutorRegistry registry, Supplier<Set<DeviceId>> opened) {
    this.guards = guards;
    this.registry = registry;
    this.opened = opened;
  }

  /**
   * {@return whether {@code action} reaches more than one device}: a device action whose target
   * names no device (a file known by its hash alone). Email and identity actions reach no device.
   *
   * @param action the action
   */
  public static boolean isFleetWide(RemediationAction action) {
    return action instanceof DeviceAction onDevices && onDevices.target().deviceId().isEmpty();
  }

  /**
   * {@return the devices a request for {@code action} must leave untouched now}: for a fleet-wide
   * action, the protected devices and tags, with the devices a break-glass override opened taken
   * out; for any other action, none (an action on one device is guarded by its own protection
   * check, and once approved it must reach that device).
   *
   * @param action the action (or the inverse an undo sends)
   */
  public DeviceExclusions exclusionsFor(RemediationAction action) {
    if (!isFleetWide(action) || !isProtecting()) {
      return DeviceExclusions.none();
    }
    Set<DeviceId> open = opened.get();
    Set<DeviceId> devices = new HashSet<>(guards.protectedDevices());
    devices.removeAll(open);
    return DeviceExclusions.of(devices, guards.protectedTags(), open);
  }

  /**
   * {@return why an automatic {@code action} must wait for approval, or empty}: it is fleet-wide,
   * some device is excluded now, and its executor does not honour exclusions.
   *
   * @param action the action about to be planned or dispatched
   */
  public Optional<String> holdReason(RemediationAction action) {
    if (exclusionsFor(action).isEmpty() || honoursExclusions(action.kind())) {
      return Optional.empty();
    }
    return Optional.of(HOLD_REASON);
  }

  /**
   * {@return the plan with every automatic action that {@link #holdReason} stops turned into one
   * that requires approval, with the reason}
   *
   * @param plan the policy's plan
   */
  public RemediationPlan apply(RemediationPlan plan) {
    if (!isProtecting()) {
      return plan;
    }
    List<PlannedAction> out = new ArrayList<>(plan.actions().size());
    boolean changed = false;
    for (PlannedAction planned : plan.actions()) {
      Optional<String> reason =
          planned.mode() == ApprovalMode.AUTOMATIC
              ? holdReason(planned.action())
              : Optional.empty();
      out.add(reason.isPresent() ? planned.requiringApproval(reason.get()) : planned);
      changed |= reason.isPresent();
    }
    return changed ? new RemediationPlan(out, plan.summary()) : plan;
  }

  private boolean isProtecting() {
    return !guards.protectedDevices().isEmpty() || !guards.protectedTags().isEmpty();
  }

  /**
   * An executor that is missing, or throws when asked, does not honour exclusions: the cautious
   * answer.
   */
  private boolean honoursExclusions(ActionKind kind) {
    if (!(registry.forKind(kind) instanceof DeviceActionExecutor executor)) {
      return false;
    }
    try {
      return executor.honoursExclusions();
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("kind", kind)
          .log(
              "executor threw when asked whether it honours exclusions ("
                  + e.getClass().getName()
                  + "); treated as not honouring them");
      return false;
    }
  }
}
