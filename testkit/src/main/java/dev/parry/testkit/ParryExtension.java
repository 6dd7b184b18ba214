package dev.parry.testkit;

import dev.parry.runtime.ParryRuntime;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit extension that gives every test a fresh {@link ParryHarness}: a runtime wired to the fake
 * backends, the virtual clock and an in-memory store. Declare a {@code ParryHarness} parameter.
 *
 * <pre>{@code
 * @ExtendWith(ParryExtension.class)
 * class MyServiceTest {
 *   @Test
 *   void quarantinesMalware(ParryHarness parry) {
 *     parry.runtime().open(id, alert, device);
 *     parry.runtime().reportEvidence(id, evidence);
 *     parry.settle();
 *     parry.assertStatus(id, InvestigationStatus.RUNNING);
 *   }
 * }
 * }</pre>
 *
 * <p>To adjust the runtime, register an instance instead: {@code @RegisterExtension static
 * ParryExtension parry = ParryExtension.with(b -> b.limits(limits));}
 */
public final class ParryExtension implements ParameterResolver, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ParryExtension.class);

  private final Consumer<ParryRuntime.Builder> customizer;

  /** Creates the extension with the runtime's defaults; used by {@code @ExtendWith}. */
  public ParryExtension() {
    this(builder -> {});
  }

  private ParryExtension(Consumer<ParryRuntime.Builder> customizer) {
    this.customizer = customizer;
  }

  /**
   * {@return an extension whose harnesses' runtime builders are adjusted by {@code customizer}}
   *
   * @param customizer the adjustment
   */
  public static ParryExtension with(Consumer<ParryRuntime.Builder> customizer) {
    return new ParryExtension(Objects.requireNonNull(customizer, "customizer"));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ParryHarness.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .computeIfAbsent("harness", key -> ParryHarness.create(customizer), ParryHarness.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ParryHarness harness = context.getStore(NAMESPACE).remove("harness", ParryHarness.class);
    if (harness != null) {
      harness.close();
    }
  }
}
