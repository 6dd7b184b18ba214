// Past 400 lines because the guards' checks against the stored control state belong together.
package dev.parry.runtime.internal;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceEntity;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.Entity;
import dev.parry.core.investigation.Origin;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.spi.safety.BlastRadiusLimit;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.safety.SafetyGuards;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The safety guards: the kill switch, protected assets (with break-glass overrides), the
 * blast-radius breaker and allow indicators. The switch, the overrides, the indicators added at run
 * time and the windows' counts are kept in the {@link ControlStore} every runtime on the store
 * shares; this class reads the changes it has not seen before each decision, so a change any
 * runtime recorded holds for the next decision here. On a store that fences its appends at a
 * control change ({@link dev.parry.spi.store.InvestigationStore#fencedAt}), a decision is taken on
 * the changes last read instead, and the append that records it is fenced at them ({@link
 * #fenceFor}): refused if another change was recorded since, it is decided again on a fresh read.
 * Applied twice: to a plan, where an automatic action a guard stops becomes one that requires
 * approval with the guard's reason; and again just before an automatic action is dispatched ({@link
 * #holdReason}), so that pausing automation also stops what is already queued.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 *
 * <p>Past 400 lines because the guards' checks against the stored control state belong together.
 */
public final class SafetyControls {

  /** No fence: an append decided on a control state just read, or on none. */
  public static final long NO_FENCE = -1;

  private final SafetyGuards guards;
  private final ControlStore controls;
  private final Set<AllowIndicator> configuredIndicators;
  private final Clock clock;

  /**
   * Whether the appends that record decisions are fenced at the control state they were decided on,
   * so that a decision needs no read first.
   */
  private final boolean fenced;

  /** The state the changes seen so far add up to; replaced whole, never changed in place. */
  private volatile ControlState state = ControlState.EMPTY;

  /**
   * Creates the controls.
   *
   * @param guards the configured guards
   * @param controls where the shared control state is kept
   * @param configuredIndicators the allow indicators configured at build time, in force whatever is
   *     stored
   * @param clock the clock windows and overrides are measured on
   * @param fenced whether the store fences its appends at a change of {@code controls}
   */
  public SafetyControls(
      SafetyGuards guards,
      ControlStore controls,
      Set<AllowIndicator> configuredIndicators,
      Clock clock,
      boolean fenced) {
    this.guards = guards;
    this.controls = controls;
    this.configuredIndicators = Set.copyOf(configuredIndicators);
    this.clock = clock;
    this.fenced = fenced;
  }

  /**
   * {@return the control state to decide on now}: the changes last read when appends are fenced at
   * them, or every change recorded so far, read now
   *
   * @throws dev.parry.spi.store.StoreUnavailableException if the control store fails
   */
  public ControlState toDecideOn() {
    return fenced ? state : current();
  }

  /**
   * {@return the fence for the append of a decision taken on {@code at}}: its last change when
   * appends are fenced, {@link #NO_FENCE} otherwise (then {@code at} was read for the decision)
   *
   * @param at the control state decided on
   */
  public long fenceFor(ControlState at) {
    return fenced ? at.sequence() : NO_FENCE;
  }

  /**
   * Records a change in the shared control state, and folds it in here.
   *
   * @param change the change, not yet recorded
   * @return the change as recorded
   * @throws dev.parry.spi.store.StoreUnavailableException if the control store fails
   */
  public ControlChange record(ControlChange change) {
    ControlChange recorded = controls.record(change);
    try {
      current();
    } catch (RuntimeException e) {
      // recorded: the next decision reads it from the store, whichever runtime takes it
    }
    return recorded;
  }

  /**
   * {@return the control state with every change recorded so far folded in}
   *
   * @throws dev.parry.spi.store.StoreUnavailableException if the control store fails
   */
  public ControlState current() {
    ControlState seen = state;
    boolean moved = false;
    while (true) {
      List<ControlChange> more = controls.changes(seen.sequence(), ControlStore.MAX_CHANGES);
      if (more.isEmpty()) {
        break;
      }
      seen = seen.with(more);
      moved = true;
      if (more.size() < ControlStore.MAX_CHANGES) {
        break;
      }
    }
    if (!moved) {
      return seen; // nothing new (nearly every call): no lock taken
    }
    synchronized (this) {
      if (seen.sequence() > state.sequence()) {
        state = seen;
      }
      return state;
    }
  }

  /**
   * {@return the allow indicators in force now in {@code at} for an investigation of {@code group}:
   * those configured, and those recorded whose scope holds the group and that have not ended}
   *
   * @param at the control state
   * @param group the investigation's device group, or null to ignore scopes (every recorded
   *     indicator in force anywhere)
   */
  public Set<AllowIndicator> allowIndicators(ControlState at, @Nullable DeviceGroupName group) {
    return allowIndicators(at, group, group == null);
  }

  /**
   * {@return the allow indicators in force now in {@code at} for an entity in no known device
   * group: those configured, and those recorded tenant-wide (with no scope) that have not ended}
   *
   * @param at the control state
   */
  public Set<AllowIndicator> tenantWideAllowIndicators(ControlState at) {
    return allowIndicators(at, null, false);
  }

  private Set<AllowIndicator> allowIndicators(
      ControlState at, @Nullable DeviceGroupName group, boolean anyScope) {
    if (at.allowed().isEmpty()) {
      return configuredIndicators;
    }
    Instant now = clock.instant();
    Set<AllowIndicator> all = new HashSet<>(configuredIndicators);
    at.allowed()
        .forEach(
            (indicator, grant) -> {
              boolean inScope =
                  anyScope
                      || grant.scope().isEmpty()
                      || (group != null && grant.scope().contains(group));
              if (inScope && inForce(grant, now)) {
                all.add(indicator);
              }
            });
    return Set.copyOf(all);
  }

  /** {@return whether a recorded allow indicator has not ended at {@code now}} */
  private static boolean inForce(ControlChange grant, Instant now) {
    Instant until = grant.until();
    return until == null || now.isBefore(until);
  }

  /**
   * {@return the recorded allow indicators in force now, each as the change that added it, oldest
   * first}
   */
  public List<ControlChange> allowGrants() {
    Instant now = clock.instant();
    return current().allowed().values().stream()
        .filter(grant -> inForce(grant, now))
        .sorted(java.util.Comparator.comparingLong(ControlChange::sequence))
        .toList();
  }

  /**
   * {@return the devices a break-glass override opens now, on any runtime sharing the store}
   *
   * @throws dev.parry.spi.store.StoreUnavailableException if the control store fails
   */
  public Set<DeviceId> openOverrides() {
    Instant now = clock.instant();
    return Set.copyOf(
        current().breakGlass().entrySet().stream()
            .filter(e -> now.isBefore(e.getValue()))
            .map(Map.Entry::getKey)
            .toList());
  }

  /**
   * {@return the plan with the guards applied}
   *
   * @param plan the policy's plan
   * @param at the control state the plan was made in
   * @param group the investigation's device group
   * @param alertDevice the device the investigation's alert is about, or null
   * @param consume whether automatic actions that pass count toward the blast-radius limits (false
   *     for a dry run)
   */
  public RemediationPlan apply(
      RemediationPlan plan,
      ControlState at,
      DeviceGroupName group,
      @Nullable Device alertDevice,
      boolean consume) {
    return apply(plan, at, group, alertDevice, consume, null);
  }

  /**
   * {@return the plan with the guards applied}, the blast-radius breaker answering from {@code
   * counted} for the actions it answered when the same evidence was planned before
   *
   * @param plan the policy's plan
   * @param at the control state the plan was made in
   * @param group the investigation's device group
   * @param alertDevice the device the investigation's alert is about, or null
   * @param consume whether automatic actions that pass count toward the blast-radius limits
   * @param counted what the breaker answered when this evidence was planned before, or null
   */
  public RemediationPlan apply(
      RemediationPlan plan,
      ControlState at,
      DeviceGroupName group,
      @Nullable Device alertDevice,
      boolean consume,
      @Nullable BreakerAnswers counted) {
    if (plan.actions().isEmpty()
        || (!at.pausedEverywhere()
            && at.pausedGroups().isEmpty()
            && guards.limits().isEmpty()
            && guards.protectedDevices().isEmpty()
            && guards.protectedTags().isEmpty())) {
      return plan;
    }
    List<PlannedAction> out = new ArrayList<>(plan.actions().size());
    for (PlannedAction planned : plan.actions()) {
      out.add(
          planned.mode() == ApprovalMode.AUTOMATIC
              ? guard(planned, at, group, alertDevice, consume, counted)
              : planned);
    }
    return new RemediationPlan(out, plan.summary());
  }

  private PlannedAction guard(
      PlannedAction planned,
      ControlState at,
      DeviceGroupName group,
      @Nullable Device alertDevice,
      boolean consume,
      @Nullable BreakerAnswers counted) {
    Optional<String> paused = paused(at, group);
    if (paused.isPresent()) {
      return planned.requiringApproval(paused.get());
    }
    Optional<String> protection = protection(planned.action(), at, alertDevice);
    if (protection.isPresent()) {
      return planned.requiringApproval(protection.get());
    }
    Optional<String> breaker =
        counted == null
            ? blastRadius(planned, group, consume)
            : counted.answer(planned.action(), () -> blastRadius(planned, group, consume));
    return breaker.isPresent() ? planned.requiringApproval(breaker.get()) : planned;
  }

  /**
   * {@return why an automatic action must wait for approval now instead of being dispatched, or
   * empty}: automation is paused for every group or the action's group, its device is protected and
   * no break-glass override is open, or an allow indicator now covers its target (a false positive
   * was reported after it was planned). The blast-radius breaker is not asked again: it counted the
   * action when it was planned.
   *
   * @param action the action about to be dispatched
   * @param origin the device group and alert device of its investigation
   * @param at the control state to decide on ({@link #toDecideOn})
   */
  public Optional<String> holdReason(RemediationAction action, Origin origin, ControlState at) {
    Optional<String> paused = paused(at, origin.group());
    if (paused.isPresent()) {
      return paused;
    }
    Optional<String> protection = protection(action, at, origin.device());
    if (protection.isPresent()) {
      return protection;
    }
    for (AllowIndicator indicator : allowIndicatorsFor(at, action.target(), origin)) {
      if (indicator.covers(action.target())) {
        return Optional.of(
            "allowed by indicator " + indicator + " since it was planned: approval required");
      }
    }
    return Optional.empty();
  }

  /**
   * {@return the allow indicators in force now in {@code at} that may cover {@code entity}, seen in
   * an investigation of {@code origin}}: an indicator scoped to device groups covers an entity on
   * the alert's own device only, the one device whose group Parry knows; anything else (a file on
   * another device, a file anywhere, mail, users) is covered by tenant-wide indicators only
   *
   * @param at the control state
   * @param entity the entity
   * @param origin the investigation's origin
   */
  public Set<AllowIndicator> allowIndicatorsFor(ControlState at, Entity entity, Origin origin) {
    Device alertDevice = origin.device();
    boolean onAlertDevice =
        alertDevice != null
            && entity instanceof DeviceEntity onDevice
            && onDevice.deviceId().filter(alertDevice.id()::equals).isPresent();
    return onAlertDevice ? allowIndicators(at, origin.group()) : tenantWideAllowIndicators(at);
  }

  private static Optional<String> paused(ControlState at, DeviceGroupName group) {
    if (at.pausedEverywhere()) {
      return Optional.of("automation is paused (kill switch): approval required");
    }
    if (at.pausedGroups().contains(group)) {
      return Optional.of(
          "automation is paused for device group '" + group + "': approval required");
    }
    return Optional.empty();
  }

  private Optional<String> protection(
      RemediationAction action, ControlState at, @Nullable Device alertDevice) {
    if (!(action.target() instanceof DeviceEntity target)) {
      return Optional.empty();
    }
    Optional<DeviceId> device = target.deviceId();
    if (device.isEmpty()) {
      return Optional.empty();
    }
    DeviceId id = device.get();
    boolean byId = guards.protectedDevices().contains(id);
    Set<DeviceTag> tags =
        target instanceof Device asDevice
            ? asDevice.tags()
            : alertDevice != null && alertDevice.id().equals(id) ? alertDevice.tags() : null;
    boolean byTag = tags != null && !Collections.disjoint(tags, guards.protectedTags());
    // a file or process on another device than the alert's: its tags are unknown here, so while any
    // tag
    // is protected it could be on a protected device, and Parry takes the cautious side
    boolean tagsUnknown = tags == null && !guards.protectedTags().isEmpty();
    if (!byId && !byTag && !tagsUnknown) {
      return Optional.empty();
    }
    Instant until = at.breakGlass().get(id);
    if (until != null && clock.instant().isBefore(until)) {
      return Optional.empty();
    }
    if (!byId && !byTag) {
      return Optional.of(
          "device "
              + id
              + " may carry a protected tag (its tags are not known here):"
              + " automatic actions need approval");
    }
    return Optional.of(
        "device "
            + id
            + " is a protected asset"
            + (byTag ? " (protected tag)" : "")
            + ": automatic actions need approval");
  }

  private Optional<String> blastRadius(
      PlannedAction planned, DeviceGroupName group, boolean consume) {
    if (guards.limits().isEmpty()) {
      return Optional.empty();
    }
    Map<String, ControlStore.Window> byKey = new java.util.LinkedHashMap<>();
    for (BlastRadiusLimit limit : guards.limits()) {
      String scope =
          switch (limit.scope()) {
            case KIND -> planned.action().kind().name();
            case FAMILY -> planned.action().family().name();
            case DEVICE_GROUP -> "group " + group;
          };
      if (limit.maxAutomatic() == 0) {
        return Optional.of(
            "blast radius: no automatic action allowed for "
                + limit.scope()
                + ":"
                + scope
                + "; approval required");
      }
      ControlStore.Window window =
          new ControlStore.Window(
              limit.scope() + ":" + scope, limit.window(), limit.maxAutomatic());
      // two limits on one window count once, the tighter one deciding
      byKey.merge(window.key(), window, (a, b) -> a.max() <= b.max() ? a : b);
    }
    List<ControlStore.Window> windows = List.copyOf(byKey.values());
    if (controls.admit(windows, clock.instant(), consume)) {
      return Optional.empty();
    }
    return Optional.of(
        "blast radius: a limit of "
            + describe(windows)
            + " for this action is reached; approval required");
  }

  private static String describe(List<ControlStore.Window> windows) {
    StringBuilder out = new StringBuilder();
    for (ControlStore.Window window : windows) {
      out.append(out.length() == 0 ? "" : " or ")
          .append(window.max())
          .append(" automatic action(s) per ")
          .append(window.length())
          .append(" for ")
          .append(window.scope());
    }
    return out.toString();
  }
}
