package dev.parry.testkit.fake;

import dev.parry.core.action.ActionKind;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExternalReference;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The executor half of a fake backend: every call goes to the backend's engine. Each family's
 * subclass adds the matching executor interface.
 */
abstract class FakeExecutor {

  final FakeEngine engine;
  private final String name;

  FakeExecutor(FakeEngine engine, String name) {
    this.engine = engine;
    this.name = name;
  }

  public Set<ActionKind> supportedKinds() {
    return engine.supported();
  }

  public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
    return engine.execute(request);
  }

  public CompletionStage<ExecutionOutcome> status(
      ExecutionRequest request, ExternalReference reference) {
    return engine.status(request, reference);
  }

  public CompletionStage<Boolean> cancel(
      ExecutionRequest request, @Nullable ExternalReference reference) {
    return engine.cancel(request, reference);
  }

  @Override
  public String toString() {
    return name + ".executor";
  }
}
