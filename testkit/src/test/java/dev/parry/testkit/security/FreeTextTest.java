package dev.parry.testkit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.executor.ExecutionOutcome;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.StoreUnavailableException;
import dev.parry.testkit.ParryHarness;
import dev.parry.testkit.fake.ForwardingStore;
import dev.parry.testkit.generate.HostileText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Free text keeps every character it was given, and is escaped where it is shown: logs, CSV")
class FreeTextTest {

  static final Device WORKSTATION = Device.of(DeviceId.of("d-ws-text"), DeviceName.of("ws-text"));

  @Test
  @DisplayName(
      "comments keep overrides, invisible characters, unpaired surrogates and emoji exactly")
  void commentsAreKept() {
    try (ParryHarness parry = ParryHarness.create()) {
      for (String text : HostileText.freeText()) {
        ActionRecord pending =
            parry
                .runtime()
                .takeAction(
                    new IsolateDevice(WORKSTATION, IsolationType.FULL),
                    ParryHarness.ANALYST,
                    "request: " + text,
                    true);
        assertEquals("request: " + text, parry.action(pending.id()).requestComment());
        ActionRecord rejected = parry.runtime().reject(pending.id(), ParryHarness.ANALYST, text);
        assertEquals(text, rejected.note());
        assertEquals(text, parry.action(pending.id()).note());
      }
    }
  }

  @Test
  @DisplayName(
      "NUL and the other control characters are refused in free text, naming the field; nothing is stored")
  void controlCharactersAreRefused() {
    try (ParryHarness parry = ParryHarness.create()) {
      ActionRecord pending =
          parry
              .runtime()
              .takeAction(
                  new IsolateDevice(WORKSTATION, IsolationType.FULL),
                  ParryHarness.ANALYST,
                  "contain",
                  true);
      int events = parry.store().events(pending.id().investigation()).size();
      List<Map.Entry<String, Runnable>> calls =
          List.of(
              Map.entry(
                  "comment",
                  () -> parry.runtime().reject(pending.id(), ParryHarness.ANALYST, "a\u0000b")),
              Map.entry(
                  "detail",
                  () ->
                      Evidence.of(
                          WORKSTATION, Verdict.MALICIOUS, "Trojan\u0000", parry.clock().instant())),
              Map.entry("reason", () -> ExecutionOutcome.failed("HTTP 500\u0000")),
              Map.entry(
                  "reason",
                  () ->
                      parry
                          .runtime()
                          .pauseAutomation(ParryHarness.ANALYST, null, "maintenance\u0000")));
      for (Map.Entry<String, Runnable> call : calls) {
        InvalidInputException refused =
            assertThrows(InvalidInputException.class, call.getValue()::run, call.getKey());
        assertTrue(refused.getMessage().startsWith(call.getKey() + " "), refused.getMessage());
        assertTrue(refused.getMessage().contains("\\u0000"), refused.getMessage());
      }
      assertEquals(events, parry.store().events(pending.id().investigation()).size());
      assertEquals(ActionStatus.PENDING_APPROVAL, parry.action(pending.id()).status());
    }
  }

  @Test
  @DisplayName(
      "a store error that echoes stored text reaches the log with its override, joiner and unpaired surrogate escaped")
  void logLinesAreEscaped() {
    String echoed = "row holds 'invoice\u202Efdp.exe\u200D\uD800\u00A0' \r\nFORGED ENTRY";
    AtomicBoolean failing = new AtomicBoolean();
    InvestigationStore store =
        new ForwardingStore(InMemoryInvestigationStore.create()) {
          @Override
          public List<ActionRecord> due(
              Instant now, String owner, @Nullable ActionRecord after, int limit) {
            if (failing.get()) {
              throw new StoreUnavailableException(echoed, new SQLException(echoed));
            }
            return super.due(now, owner, after, limit);
          }
        };
    String logged =
        capturingStandardError(
            () -> {
              try (ParryHarness parry = ParryHarness.onStore(store, builder -> {})) {
                failing.set(true);
                parry.advance(Duration.ofMinutes(1));
              }
            });
    assertTrue(
        logged.contains(
            "row holds 'invoice\\u202efdp.exe\\u200d\\ud800\\u00a0' \\u000d\\u000aFORGED ENTRY"),
        logged);
    for (char c : new char[] {'\u202E', '\u200D', '\uD800', '\u00A0'}) {
      assertEquals(
          -1,
          logged.indexOf(c),
          () -> String.format("U+%04X reached the log: %s", (int) c, logged));
    }
  }

  @Test
  @DisplayName(
      "the CSV export escapes what comments hide and defuses a formula, while the store keeps both")
  void csvIsEscaped() {
    try (ParryHarness parry = ParryHarness.create()) {
      String comment = "=HYPERLINK(\"http://evil.example\") \u202Efdp.exe\u200B";
      ActionRecord pending =
          parry
              .runtime()
              .takeAction(
                  new IsolateDevice(WORKSTATION, IsolationType.FULL),
                  ParryHarness.ANALYST,
                  "contain",
                  true);
      parry.runtime().reject(pending.id(), ParryHarness.ANALYST, comment);
      String csv = parry.runtime().exportCsv(ActionQuery.history().build(), ParryHarness.ANALYST);
      assertTrue(
          csv.contains(
              ",\"'=HYPERLINK(\"\"http://evil.example\"\") \\u202efdp.exe\\u200b\",,,,\r\n"),
          csv); // the note, then no time-box extension and no undo asked for while it ran
      assertEquals(-1, csv.indexOf('\u202E'), csv);
      assertEquals(comment, parry.action(pending.id()).note());
    }
  }

  private static String capturingStandardError(Runnable run) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      run.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
