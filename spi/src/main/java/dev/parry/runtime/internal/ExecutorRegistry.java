package dev.parry.runtime.internal;

import dev.parry.core.action.ActionKind;
import dev.parry.spi.executor.ActionExecutor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The executors the runtime was built with, resolved by action kind and checked once, when the
 * runtime is built.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class ExecutorRegistry {

  private final Map<ActionKind, ActionExecutor> byKind;

  private ExecutorRegistry(Map<ActionKind, ActionExecutor> byKind) {
    this.byKind = byKind;
  }

  /**
   * {@return the registry of {@code executors}}
   *
   * @param executors the executors, named for messages
   * @param required kinds that must have an executor
   * @throws IllegalStateException naming every problem: a kind claimed by two executors, a kind
   *     outside its executor's family, a required kind with no executor
   */
  public static ExecutorRegistry of(
      Map<String, ActionExecutor> executors, Set<ActionKind> required) {
    Map<ActionKind, ActionExecutor> byKind = new EnumMap<>(ActionKind.class);
    Map<ActionKind, String> names = new EnumMap<>(ActionKind.class);
    List<String> problems = new ArrayList<>();
    executors.forEach(
        (name, executor) -> {
          for (ActionKind kind : executor.supportedKinds()) {
            if (kind.family() != executor.family()) {
              problems.add(
                  "executor '"
                      + name
                      + "' is a "
                      + executor.family()
                      + " executor but claims "
                      + kind
                      + " (a "
                      + kind.family()
                      + " kind)");
              continue;
            }
            String previous = names.putIfAbsent(kind, name);
            if (previous != null) {
              problems.add(
                  "ambiguous executor for "
                      + kind
                      + ": both '"
                      + previous
                      + "' and '"
                      + name
                      + "' claim it");
            } else {
              byKind.put(kind, executor);
            }
          }
        });
    Set<String> missing = new TreeSet<>();
    for (ActionKind kind : required) {
      if (!byKind.containsKey(kind)) {
        missing.add(kind.name());
      }
    }
    if (!missing.isEmpty()) {
      problems.add(
          "no executor for "
              + missing
              + ": register an executor that runs them, or narrow requiredKinds(...)"
              + " on the builder to the kinds your executors run (the others are then planned pending approval, with"
              + " the reason \"no executor for KIND\")");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
    return new ExecutorRegistry(byKind);
  }

  /**
   * {@return the executor for {@code kind}, or null if there is none}
   *
   * @param kind the kind
   */
  public @Nullable ActionExecutor forKind(ActionKind kind) {
    return byKind.get(kind);
  }

  /** {@return the kinds with an executor} */
  public Set<ActionKind> kinds() {
    return byKind.keySet();
  }
}
