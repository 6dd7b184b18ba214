package dev.parry.runtime.internal;

import dev.parry.core.action.RemediationAction;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the blast-radius breaker answered for the actions of one piece of evidence, so that planning
 * it again (after the fence refused its append) counts each action once: an action planned again
 * takes the answer it had, and only an action the breaker was not asked about before is counted. An
 * action counted before and not planned automatic again keeps its use, so a window admits fewer,
 * never more. Not shared between threads.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class BreakerAnswers {

  /**
   * The answers of the plans before this one, per action, in the order they were given; null until
   * the evidence is planned again.
   */
  private @Nullable Map<RemediationAction, ArrayDeque<Optional<String>>> earlier;

  /** The answers of this plan, per action; null until the breaker is asked. */
  private @Nullable Map<RemediationAction, ArrayDeque<Optional<String>>> given;

  private BreakerAnswers() {}

  /** {@return an empty memory, for a first plan} */
  public static BreakerAnswers create() {
    return new BreakerAnswers();
  }

  /**
   * {@return the breaker's answer for {@code action}}: the one an earlier plan was given for it,
   * or, when there is none left, what {@code ask} answers now (counting the action)
   */
  Optional<String> answer(RemediationAction action, Supplier<Optional<String>> ask) {
    ArrayDeque<Optional<String>> before = earlier == null ? null : earlier.get(action);
    Optional<String> answer =
        before != null && !before.isEmpty() ? before.removeFirst() : ask.get();
    if (given == null) {
      given = new HashMap<>();
    }
    given.computeIfAbsent(action, a -> new ArrayDeque<>()).addLast(answer);
    return answer;
  }

  /** Before the evidence is planned again: what was answered so far is answered again. */
  public void planAgain() {
    if (given == null) {
      return;
    }
    Map<RemediationAction, ArrayDeque<Optional<String>>> into =
        earlier != null ? earlier : new HashMap<>();
    given.forEach(
        (action, answers) -> into.computeIfAbsent(action, a -> new ArrayDeque<>()).addAll(answers));
    earlier = into;
    given = null;
  }
}
