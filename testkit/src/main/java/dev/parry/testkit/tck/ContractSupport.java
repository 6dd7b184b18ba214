package dev.parry.testkit.tck;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * What every contract shares: rules an implementation declares unsupported are reported as skipped.
 *
 * <p>A contract holds its tests as methods of its own class, grouped by comments, never in
 * {@code @Nested} classes: JUnit reports an inherited method under the class that runs it, so the
 * results appear under the implementor's test class, whereas Surefire files the tests of a nested
 * class under the nested class's name ({@code ExecutorContract$Execution}) and reports the
 * implementor's class as {@code Tests run: 0}.
 */
abstract class ContractSupport {

  /**
   * {@return the rules this implementation declares unsupported, by rule id ("EXE-9"), with the
   * reason}: their tests are skipped and reported with that reason, never silently passed. Only
   * optional (SHOULD) rules may be declared unsupported; declaring a MUST rule fails the test.
   */
  protected Map<String, String> unsupportedRules() {
    return Map.of();
  }

  /** Skips the current test, with the reason, if its rule is declared unsupported. */
  final void rule(String id, boolean optional) {
    String reason = unsupportedRules().get(id);
    if (reason == null) {
      return;
    }
    if (!optional) {
      throw new AssertionError(
          id + " is a MUST rule and cannot be declared unsupported (reason given: " + reason + ")");
    }
    Assumptions.abort(id + " declared unsupported by the implementation: " + reason);
  }
}
