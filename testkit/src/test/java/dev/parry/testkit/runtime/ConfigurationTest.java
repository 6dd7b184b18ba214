package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.error.InvalidInputException;
import dev.parry.runtime.ExecutorConfigurationException;
import dev.parry.runtime.ParryRuntime;
import dev.parry.spi.executor.ActionExecutor;
import dev.parry.spi.executor.DeviceActionExecutor;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.executor.ExecutionRequest;
import dev.parry.spi.executor.ExecutorProvider;
import dev.parry.spi.executor.ExternalReference;
import dev.parry.spi.executor.ProviderConfig;
import dev.parry.spi.internal.LogSafe;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.fake.FakeDirectory;
import dev.parry.testkit.fake.FakeMail;
import dev.parry.testkit.time.TestClock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Building the runtime: executors are checked up front")
class ConfigurationTest {

  final TestClock clock = TestClock.create();

  static DeviceActionExecutor isolateOnly() {
    return new DeviceActionExecutor() {
      @Override
      public Set<ActionKind> supportedKinds() {
        return EnumSet.of(ActionKind.ISOLATE_DEVICE);
      }

      @Override
      public CompletionStage<ExecutionOutcome> execute(ExecutionRequest request) {
        return CompletableFuture.completedFuture(ExecutionOutcome.succeeded(""));
      }

      @Override
      public CompletionStage<ExecutionOutcome> status(
          ExecutionRequest request, ExternalReference reference) {
        return CompletableFuture.completedFuture(ExecutionOutcome.succeeded(""));
      }
    };
  }

  @Test
  @DisplayName(
      "a missing executor for a kind the policy plans is reported at build time, naming the kinds")
  void missing() {
    ExecutorConfigurationException e =
        assertThrows(
            ExecutorConfigurationException.class,
            () -> ParryRuntime.builder().clock(clock).executor("edr", isolateOnly()).build());
    assertTrue(e.getMessage().contains("no executor for"), e.getMessage());
    assertTrue(e.getMessage().contains("SOFT_DELETE_EMAIL"), e.getMessage());
    assertTrue(e.getMessage().contains("DISABLE_USER"), e.getMessage());
  }

  @Test
  @DisplayName("two executors claiming one kind are reported, naming both")
  void ambiguous() {
    ExecutorConfigurationException e =
        assertThrows(
            ExecutorConfigurationException.class,
            () ->
                ParryRuntime.builder()
                    .clock(clock)
                    .requiredKinds(Set.of())
                    .executor("first", isolateOnly())
                    .executor("second", isolateOnly())
                    .build());
    assertTrue(
        e.getMessage().contains("'first'") && e.getMessage().contains("'second'"), e.getMessage());
    assertTrue(e.getMessage().contains("ISOLATE_DEVICE"), e.getMessage());
  }

  @Test
  @DisplayName("an executor name is registered once; required kinds can be narrowed")
  void names() {
    ParryRuntime.Builder builder =
        ParryRuntime.builder().clock(clock).executor("edr", isolateOnly());
    assertThrows(InvalidInputException.class, () -> builder.executor("edr", isolateOnly()));
    builder.requiredKinds(EnumSet.of(ActionKind.ISOLATE_DEVICE)).build().close();
  }

  @Test
  @DisplayName(
      "providers found through the ServiceLoader seam are created with their configuration")
  void discovery() {
    AtomicReference<ProviderConfig> seen = new AtomicReference<>();
    List<ExecutorProvider> providers =
        List.of(
            provider(
                "fake-devices",
                config -> {
                  seen.set(config);
                  return FakeDevices.create(clock).executor();
                }),
            provider("fake-mail", config -> FakeMail.create(clock).executor()),
            provider("fake-directory", config -> FakeDirectory.create(clock).executor()));
    ParryRuntime runtime =
        ParryRuntime.builder()
            .clock(clock)
            .discoverExecutors()
            .providers(() -> providers)
            .providerConfig(
                "fake-devices",
                ProviderConfig.of(java.util.Map.of("endpoint", "https://edr.example")))
            .build();
    runtime.close();
    assertEquals("https://edr.example", seen.get().get("endpoint").orElseThrow());
    assertEquals(
        "ProviderConfig{keys=[endpoint]}", seen.get().toString(), "values stay out of toString");
    assertThrows(
        ExecutorConfigurationException.class,
        () ->
            ParryRuntime.builder()
                .clock(clock)
                .discoverExecutors()
                .providers(() -> List.of(providers.get(0), providers.get(0)))
                .build());
  }

  @Test
  @DisplayName(
      "a configuration for a provider that is not found, or a provider that fails to start, is refused naming"
          + " the provider")
  void providerConfigurationErrorsNameTheProvider() {
    List<ExecutorProvider> providers =
        List.of(
            provider("fake-devices", config -> FakeDevices.create(clock).executor()),
            provider("fake-mail", config -> FakeMail.create(clock).executor()),
            provider("fake-directory", config -> FakeDirectory.create(clock).executor()));
    ExecutorConfigurationException misspelled =
        assertThrows(
            ExecutorConfigurationException.class,
            () ->
                ParryRuntime.builder()
                    .clock(clock)
                    .discoverExecutors()
                    .providers(() -> providers)
                    .providerConfig(
                        "fake-devcies",
                        ProviderConfig.of(java.util.Map.of("endpoint", "https://edr.example")))
                    .build());
    assertTrue(
        misspelled.getMessage().contains("fake-devcies")
            && misspelled.getMessage().contains("fake-devices"),
        misspelled.getMessage());
    ExecutorConfigurationException failing =
        assertThrows(
            ExecutorConfigurationException.class,
            () ->
                ParryRuntime.builder()
                    .clock(clock)
                    .discoverExecutors()
                    .providers(
                        () ->
                            List.of(
                                providers.get(1),
                                providers.get(2),
                                provider(
                                    "edr-x",
                                    config -> {
                                      throw new IllegalStateException("no endpoint configured");
                                    })))
                    .build());
    assertTrue(
        failing.getMessage().contains("edr-x")
            && failing.getMessage().contains("IllegalStateException")
            && !failing.getMessage().contains("no endpoint configured"),
        failing.getMessage());
    assertEquals(
        "no endpoint configured",
        failing.getCause().getMessage(),
        "the cause keeps the provider's words");
  }

  @Test
  @DisplayName("each discovery mistake gives the message the README's table shows")
  void discoveryMistakesGiveTheReadmeMessages() {
    ExecutorProvider acme = provider("acme-edr", config -> isolateOnly());
    Set<ActionKind> isolation = EnumSet.of(ActionKind.ISOLATE_DEVICE);
    assertMessage(
        "a configuration is given for executor provider 'acme-ecr', which was not found; the providers"
            + " found are [acme-edr]",
        () ->
            ParryRuntime.builder()
                .clock(clock)
                .discoverExecutors()
                .providers(() -> List.of(acme))
                .providerConfig("acme-ecr", ProviderConfig.EMPTY)
                .requiredKinds(isolation));
    assertMessage(
        "provider configurations are given for [acme-edr] but executors are not discovered: call"
            + " discoverExecutors()",
        () ->
            ParryRuntime.builder()
                .clock(clock)
                .executor("edr", isolateOnly())
                .providerConfig("acme-edr", ProviderConfig.EMPTY)
                .requiredKinds(isolation));
    assertMessage(
        "two executor providers are named 'acme-edr'",
        () ->
            ParryRuntime.builder()
                .clock(clock)
                .discoverExecutors()
                .providers(() -> List.of(acme, acme))
                .requiredKinds(isolation));
    assertMessage(
        "executor provider 'acme-edr' failed to create its executor (java.lang.IllegalStateException)",
        () ->
            ParryRuntime.builder()
                .clock(clock)
                .discoverExecutors()
                .providers(
                    () ->
                        List.of(
                            provider(
                                "acme-edr",
                                config -> {
                                  throw new IllegalStateException("no endpoint");
                                })))
                .requiredKinds(isolation));
    assertMessage(
        "no executor for [CONTAIN_DEVICE]: register an executor that runs them, or narrow requiredKinds(...)"
            + " on the builder",
        () ->
            ParryRuntime.builder()
                .clock(clock)
                .discoverExecutors()
                .providers(() -> List.of(acme))
                .requiredKinds(EnumSet.of(ActionKind.ISOLATE_DEVICE, ActionKind.CONTAIN_DEVICE)));
    assertMessage(
        "ambiguous executor for ISOLATE_DEVICE: both 'edr' and 'provider:acme-edr' claim it",
        () ->
            ParryRuntime.builder()
                .clock(clock)
                .discoverExecutors()
                .providers(() -> List.of(acme))
                .executor("edr", isolateOnly())
                .requiredKinds(isolation));
  }

  private static void assertMessage(
      String start, java.util.function.Supplier<ParryRuntime.Builder> builder) {
    ExecutorConfigurationException e =
        assertThrows(ExecutorConfigurationException.class, () -> builder.get().build());
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }

  static ExecutorProvider provider(
      String name, java.util.function.Function<ProviderConfig, ActionExecutor> factory) {
    return new ExecutorProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ActionExecutor create(ProviderConfig config) {
        return factory.apply(config);
      }
    };
  }

  @Test
  @DisplayName("log values are escaped: a CR/LF cannot forge a log line")
  void logEscaping() {
    assertEquals("inv-1\\u000d\\u000aFAKE ENTRY", LogSafe.of("inv-1\r\nFAKE ENTRY").toString());
    assertEquals("a\\u2028b", LogSafe.of("a\u2028b").toString());
    assertEquals(203, LogSafe.of("x".repeat(10_000)).toString().length());
    assertEquals("null", LogSafe.of(null).toString());
  }
}
