package dev.parry.testkit.attack;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.error.InvalidInputException;
import dev.parry.testkit.ParryHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Promise (README "Manual actions need a comment"): {@code takeAction} and {@code
 * reportFalseNegative} refuse an empty or blank comment with an IllegalArgumentException naming
 * {@code comment}, before anything is stored.
 *
 * <p>The break it guards against: blankness is {@link String#isBlank()}, which knows only {@link
 * Character#isWhitespace}. A comment made of a no-break space (U+00A0, U+2007, U+202F) or a
 * zero-width space (U+200B) shows nothing to a reader and is accepted; the manual isolation is
 * taken and stored with it.
 */
@DisplayName("Attack: a manual action with a comment that shows nothing")
class BlankManualCommentAttackTest {

  @ParameterizedTest(name = "comment U+{0}")
  @ValueSource(strings = {"00A0", "2007", "202F", "200B", "3164", "2800", "0301"})
  @DisplayName("takeAction refuses a comment that is only an invisible or no-break space")
  void invisibleCommentRefused(String hex) {
    String comment = String.valueOf((char) Integer.parseInt(hex, 16)).repeat(3);
    try (ParryHarness parry = ParryHarness.create()) {
      InvalidInputException refused =
          assertThrows(
              InvalidInputException.class,
              () ->
                  parry
                      .runtime()
                      .takeAction(
                          new IsolateDevice(Fixtures.WS, IsolationType.FULL),
                          ParryHarness.ANALYST,
                          comment,
                          false),
              "a comment of U+" + hex + " was accepted as the reason for isolating a device");
      assertTrue(refused.getMessage().contains("comment"), refused.getMessage());
    }
  }

  @ParameterizedTest(name = "reason U+{0}")
  @ValueSource(strings = {"0020", "00A0", "200B", "3164"})
  @DisplayName(
      "the kill switch, break glass and allow indicators refuse a reason that shows nothing, and record nothing")
  void invisibleReasonRefused(String hex) {
    String reason = String.valueOf((char) Integer.parseInt(hex, 16)).repeat(2);
    try (ParryHarness parry = ParryHarness.create()) {
      java.util.List<Runnable> changes =
          java.util.List.of(
              () -> parry.runtime().pauseAutomation(ParryHarness.ANALYST, null, reason),
              () ->
                  parry
                      .runtime()
                      .breakGlass(
                          ParryHarness.ANALYST,
                          Fixtures.WS.id(),
                          java.time.Duration.ofHours(1),
                          reason),
              () ->
                  parry
                      .runtime()
                      .allow(
                          ParryHarness.ANALYST,
                          new dev.parry.core.policy.AllowIndicator.Domain(
                              dev.parry.core.entity.DomainName.of("contoso.com")),
                          reason),
              () -> parry.runtime().reportFalsePositive(Fixtures.WS, ParryHarness.ANALYST, reason));
      for (Runnable change : changes) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, change::run);
        assertTrue(
            refused.getMessage().contains("reason") || refused.getMessage().contains("comment"),
            refused.getMessage());
      }
      assertTrue(
          parry.runtime().controlChanges(ParryHarness.ANALYST, 0, 100).isEmpty(),
          "nothing recorded");
    }
  }
}
