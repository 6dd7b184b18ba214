package dev.parry.runtime.internal;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceEntity;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.investigation.Origin;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.spi.safety.BlastRadiusLimit;
import dev.parry.spi.safety.SafetyGuards;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The safety guards: the kill switch, protected assets (with break-glass overrides) and the
 * blast-radius breaker. Applied twice: to a plan, where an automatic action a guard stops becomes
 * one that requires approval with the guard's reason; and again just before an automatic action is
 * dispatched ({@link #holdReason}), so that pausing automation also stops what is already queued.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class SafetyControls {

  private final SafetyGuards guards;
  private final Clock clock;
  private volatile boolean pausedEverywhere;
  private final Set<DeviceGroupName> pausedGroups = ConcurrentHashMap.newKeySet();
  private final Map<DeviceId, Instant> breakGlass = new ConcurrentHashMap<>();
  private final Map<String, ArrayDeque<Instant>> windows = new HashMap<>();

  /**
   * Creates the controls.
   *
   * @param guards the configured guards
   * @param clock the clock windows and overrides are measured on
   */
  public SafetyControls(SafetyGuards guards, Clock clock) {
    this.guards = guards;
    this.clock = clock;
  }

  /**
   * Pauses or resumes automation.
   *
   * @param group the device group, or null for every group
   * @param paused whether automation is paused
   */
  public void pause(@Nullable DeviceGroupName group, boolean paused) {
    if (group == null) {
      pausedEverywhere = paused;
    } else if (paused) {
      pausedGroups.add(group);
    } else {
      pausedGroups.remove(group);
    }
  }

  /**
   * Opens a protected device to automatic actions until {@code until}.
   *
   * @param device the device
   * @param until when the override ends
   */
  public void breakGlass(DeviceId device, Instant until) {
    breakGlass.put(device, until);
  }

  /** {@return the devices a break-glass override opens now} */
  public Set<DeviceId> openOverrides() {
    Instant now = clock.instant();
    return Set.copyOf(breakGlass.entrySet().stream().filter(e -> now.isBefore(e.getValue())).map(Map.Entry::getKey)
        .toList());
  }

  /**
   * {@return the plan with the guards applied}
   *
   * @param plan the policy's plan
   * @param group the investigation's device group
   * @param alertDevice the device the investigation's alert is about, or null
   * @param consume whether automatic actions that pass count toward the blast-radius limits (false for a dry run)
   */
  public RemediationPlan apply(RemediationPlan plan, DeviceGroupName group, @Nullable Device alertDevice,
      boolean consume) {
    if (plan.actions().isEmpty() || (!pausedEverywhere && pausedGroups.isEmpty() && guards.limits().isEmpty()
        && guards.protectedDevices().isEmpty() && guards.protectedTags().isEmpty())) {
      return plan;
    }
    List<PlannedAction> out = new ArrayList<>(plan.actions().size());
    for (PlannedAction planned : plan.actions()) {
      out.add(planned.mode() == ApprovalMode.AUTOMATIC ? guard(planned, group, alertDevice, consume) : planned);
    }
    return new RemediationPlan(out, plan.summary());
  }

  private PlannedAction guard(PlannedAction planned, DeviceGroupName group, @Nullable Device alertDevice,
      boolean consume) {
    if (pausedEverywhere) {
      return planned.requiringApproval("automation is paused (kill switch): approval required");
    }
    if (pausedGroups.contains(group)) {
      return planned.requiringApproval("automation is paused for device group '" + group + "': approval required");
    }
    Optional<String> protection = protection(planned.action(), alertDevice);
    if (protection.isPresent()) {
      return planned.requiringApproval(protection.get());
    }
    Optional<String> breaker = blastRadius(planned, group, consume);
    return breaker.isPresent() ? planned.requiringApproval(breaker.get()) : planned;
  }

  /**
   * {@return why an automatic action must wait for approval now instead of being dispatched, or empty}:
   * automation is paused for every group or the action's group, or its device is protected and no
   * break-glass override is open. The blast-radius breaker is not asked again: it counted the action
   * when it was planned.
   *
   * @param action the action about to be dispatched
   * @param origin the device group and alert device of its investigation
   */
  public Optional<String> holdReason(RemediationAction action, Origin origin) {
    if (pausedEverywhere) {
      return Optional.of("automation is paused (kill switch): approval required");
    }
    if (pausedGroups.contains(origin.group())) {
      return Optional.of("automation is paused for device group '" + origin.group() + "': approval required");
    }
    return protection(action, origin.device());
  }

  private Optional<String> protection(RemediationAction action, @Nullable Device alertDevice) {
    if (!(action.target() instanceof DeviceEntity target)) {
      return Optional.empty();
    }
    Optional<DeviceId> device = target.deviceId();
    if (device.isEmpty()) {
      return Optional.empty();
    }
    DeviceId id = device.get();
    boolean byId = guards.protectedDevices().contains(id);
    boolean byTag = (target instanceof Device asDevice && !Collections.disjoint(asDevice.tags(), guards.protectedTags()))
        || (alertDevice != null && alertDevice.id().equals(id)
            && !Collections.disjoint(alertDevice.tags(), guards.protectedTags()));
    if (!byId && !byTag) {
      return Optional.empty();
    }
    Instant until = breakGlass.get(id);
    if (until != null && clock.instant().isBefore(until)) {
      return Optional.empty();
    }
    return Optional.of("device " + id + " is a protected asset" + (byTag ? " (protected tag)" : "")
        + ": automatic actions need approval");
  }

  private Optional<String> blastRadius(PlannedAction planned, DeviceGroupName group, boolean consume) {
    if (guards.limits().isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    synchronized (windows) {
      List<ArrayDeque<Instant>> counted = new ArrayList<>(guards.limits().size());
      for (BlastRadiusLimit limit : guards.limits()) {
        String scope = switch (limit.scope()) {
          case KIND -> planned.action().kind().name();
          case FAMILY -> planned.action().family().name();
          case DEVICE_GROUP -> "group " + group;
        };
        ArrayDeque<Instant> window = windows.computeIfAbsent(limit.scope() + ":" + scope + ":" + limit.window(),
            k -> new ArrayDeque<>());
        Instant start = now.minus(limit.window());
        while (!window.isEmpty() && !window.peekFirst().isAfter(start)) {
          window.pollFirst();
        }
        if (window.size() >= limit.maxAutomatic()) {
          return Optional.of("blast radius: " + limit.maxAutomatic() + " automatic action(s) per " + limit.window()
              + " for " + scope + " reached; approval required");
        }
        counted.add(window);
      }
      if (consume) {
        counted.forEach(window -> window.addLast(now));
      }
      return Optional.empty();
    }
  }
}
