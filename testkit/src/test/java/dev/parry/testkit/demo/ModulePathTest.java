package dev.parry.testkit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.runtime.ParryRuntime;
import dev.parry.testkit.tck.ExecutorContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Run by the build on the module path only (with this package's {@link DemoTest} and the contract
 * tests' own tests): Parry works as three named modules, with their internals closed.
 */
@DisplayName(
    "On the module path, Parry's three modules are named, keep their internals, and run the demo and the contract tests")
class ModulePathTest {

  @Test
  @DisplayName(
      "core, spi and the test kit are named modules, and the runtime's internals are not exported")
  void namedModules() {
    List<Module> modules =
        List.of(
            dev.parry.core.investigation.Investigation.class.getModule(),
            ParryRuntime.class.getModule(),
            ExecutorContract.class.getModule());
    assertEquals(
        List.of("dev.parry.core", "dev.parry.spi", "dev.parry.testkit"),
        modules.stream().map(Module::getName).toList());
    Module testkit = ExecutorContract.class.getModule();
    assertFalse(ParryRuntime.class.getModule().isExported("dev.parry.runtime.internal", testkit));
    assertFalse(ParryRuntime.class.getModule().isExported("dev.parry.spi.internal", testkit));
    assertFalse(modules.get(0).isExported("dev.parry.core.internal", testkit));
  }

  @Test
  @DisplayName("the JSON Schema in the runtime's jar can be read from another module")
  void schemaReadable() {
    assertTrue(dev.parry.spi.json.ParryJson.schema().contains("\"$defs\""));
  }

  @Test
  @DisplayName(
      "the demo plays to the end in a named module (the stores read and write records across modules)")
  void demoRuns() {
    String output = DemoTest.play();
    assertTrue(output.contains("ACTION CENTER: HISTORY (newest first)"), output);
    for (String investigation : DemoTest.FINAL_STATUSES.keySet()) {
      assertTrue(output.contains(investigation), investigation + " missing from:\n" + output);
    }
  }
}
