package dev.parry.spi.json;

import dev.parry.core.action.RemediationAction;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Durations;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.Command;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.auth.Caller;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The body of a request to take an action outside any investigation: the action (its kind, its
 * target entity and the options of its kind), the justification, and the options of {@link
 * ParryRuntime#takeAction(RemediationAction, Caller, String, boolean, Duration, ActionSource)}.
 *
 * <pre>{@code
 * ManualActionRequest body = ParryJson.readManualAction(
 *     "{\"action\":{\"kind\":\"RUN_ANTIVIRUS_SCAN\",\"target\":{\"type\":\"device\",…},\"scanType\":\"QUICK\"},"
 *     + "\"justification\":\"suspicious binary\"}");
 * ActionRecord action = body.takeOn(runtime, caller);
 * }</pre>
 *
 * @param action the action to take
 * @param justification why: not blank, kept on the action as its request comment
 * @param twoStep whether another principal must approve it; false when left out
 * @param timeBox how long it stays in effect once it succeeded, or null (or left out) for as long
 *     as nobody undoes it
 * @param source where it comes from, or null (or left out) for the manual source of its family
 */
public record ManualActionRequest(
    RemediationAction action,
    String justification,
    boolean twoStep,
    @Nullable Duration timeBox,
    @Nullable ActionSource source) {

  /**
   * Validates the body as the runtime will.
   *
   * @param action the action to take
   * @param justification why: not blank, kept on the action as its request comment
   * @param twoStep whether another principal must approve it; false when left out
   * @param timeBox how long it stays in effect once it succeeded, or null (or left out) for as long
   *     as nobody undoes it
   * @param source where it comes from, or null (or left out) for the manual source of its family
   * @throws InvalidInputException if {@code action} or {@code justification} is null
   * @throws InvalidInputException if the justification shows nothing, is longer than {@value
   *     Command#MAX_TEXT} characters or holds a control character; if the time box is not positive
   *     or longer than {@link ParryRuntime#MAX_DURATION}, or given for a kind that cannot be
   *     undone; or if the source is an automated investigation or does not take the action's family
   */
  public ManualActionRequest {
    Checks.notNull(action, "action");
    Text.requireVisible("justification", justification, Command.MAX_TEXT);
    if (timeBox != null) {
      Durations.requirePositive("timeBox", timeBox);
      if (!action.kind().isReversible()) {
        throw new InvalidInputException(
            "timeBox",
            timeBox,
            "timeBox is for actions that can be undone, was given for " + action.kind());
      }
    }
    if (source != null) {
      if (source.isAutomated()) {
        throw new InvalidInputException(
            "source", source, "source must not be an automated investigation, was: " + source);
      }
      if (!source.accepts(action.family())) {
        throw new InvalidInputException(
            "source",
            source,
            "source " + source + " does not take " + action.family() + " actions");
      }
    }
  }

  /**
   * {@return the source the action is taken from: the one given, or the manual source of its
   * family}
   */
  public ActionSource effectiveSource() {
    return source != null ? source : ActionSource.manual(action.family());
  }

  /**
   * Takes the action on {@code runtime} for {@code caller}.
   *
   * @param runtime the runtime
   * @param caller who asks for it
   * @return the action, or the active action of the same kind on the same target
   * @throws dev.parry.spi.auth.AccessDeniedException if the caller may not request that kind
   * @throws dev.parry.runtime.InvalidCommandException if no executor runs its kind, or the action
   *     lacks what its executor needs
   */
  public ActionRecord takeOn(ParryRuntime runtime, Caller caller) {
    return runtime.takeAction(action, caller, justification, twoStep, timeBox, effectiveSource());
  }
}
