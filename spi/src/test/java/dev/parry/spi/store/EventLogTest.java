package dev.parry.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.AnalysisOutcome;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "An event log shares its arrays with later logs and never shows their events or hashes")
class EventLogTest {

  static final InvestigationId ID = InvestigationId.of("inv-log");

  /** The state the logs hold; what it is does not matter to a log's events and hashes. */
  static final Investigation STATE = opened(Instant.EPOCH);

  /** {@return a state of the investigation, opened at {@code at}} */
  static Investigation opened(Instant at) {
    return Investigation.open(
            ID,
            AlertId.of("alert"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            at)
        .after();
  }

  static List<InvestigationEvent> events(int from, int count) {
    List<InvestigationEvent> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(
          new InvestigationEvent.AnalysisFinished(
              ID, Instant.ofEpochSecond(i), Actor.system(), AnalysisOutcome.COMPLETED));
    }
    return out;
  }

  /** {@return the chain hashes of events {@code from} to {@code from + count - 1}} */
  static List<ChainHash> hashes(int from, int count) {
    return AuditTrail.links(ChainHash.GENESIS, 0, events(0, from + count))
        .subList(from, from + count);
  }

  @Test
  @DisplayName(
      "every log keeps exactly the events and hashes it had, across appends that fill and grow the arrays")
  void prefixesStayPut() {
    List<EventLog> logs = new ArrayList<>();
    List<InvestigationEvent> expected = new ArrayList<>(events(0, 3));
    EventLog log = EventLog.of(expected, STATE);
    logs.add(log);
    List<List<InvestigationEvent>> snapshots = new ArrayList<>();
    snapshots.add(List.copyOf(expected));
    for (int round = 0; round < 40; round++) {
      List<InvestigationEvent> more = events(expected.size(), 1 + round % 5);
      log = log.appended(more, STATE);
      expected.addAll(more);
      logs.add(log);
      snapshots.add(List.copyOf(expected));
    }
    for (int i = 0; i < logs.size(); i++) {
      assertEquals(snapshots.get(i), logs.get(i), "log " + i);
      EventLog kept = logs.get(i);
      assertEquals(
          hashes(0, kept.size()),
          java.util.stream.IntStream.range(0, kept.size()).mapToObj(kept::hash).toList(),
          "the hashes of log " + i);
      assertEquals(hashes(kept.size() - 1, 1).get(0), kept.head(), "the head of log " + i);
    }
  }

  @Test
  @DisplayName(
      "a log is read-only and refuses an index past its own end, even where a later log wrote")
  void readOnly() {
    EventLog first = EventLog.of(events(0, 2), STATE);
    EventLog second = first.appended(events(2, 1), STATE);
    assertEquals(3, second.size());
    assertThrows(IndexOutOfBoundsException.class, () -> first.get(2));
    assertThrows(IndexOutOfBoundsException.class, () -> first.hash(2));
    assertThrows(UnsupportedOperationException.class, () -> first.add(events(9, 1).get(0)));
    assertThrows(
        InvalidInputException.class,
        () -> second.appended(java.util.Arrays.asList((InvestigationEvent) null), STATE));
  }

  @Test
  @DisplayName(
      "hashes asked for in any order, from any log, are the chain's: each computed once from the one before")
  void hashesInAnyOrder() {
    List<InvestigationEvent> all = events(0, 60);
    List<ChainHash> expected = hashes(0, 60);
    List<EventLog> logs = new ArrayList<>();
    EventLog log = EventLog.of(all.subList(0, 1), STATE);
    logs.add(log);
    for (int at = 1; at < all.size(); at += 1 + at % 3) {
      log = log.appended(all.subList(at, Math.min(all.size(), at + 1 + at % 3)), STATE);
      logs.add(log);
    }
    Random random = new Random(7);
    for (int round = 0; round < 500; round++) {
      EventLog asked = logs.get(random.nextInt(logs.size()));
      int index = random.nextInt(asked.size());
      assertEquals(expected.get(index), asked.hash(index), "hash " + index);
      assertEquals(expected.get(asked.size() - 1), asked.head(), "a head");
    }
  }

  @Test
  @DisplayName(
      "a log holds no hashes until one is asked for; the logs appended after it share them, those before do not")
  void hashesMadeWhenFirstAsked() {
    EventLog first = EventLog.of(events(0, 2), STATE);
    EventLog second = first.appended(events(2, 1), STATE);
    assertFalse(first.holdsHashes(), "never asked");
    assertFalse(second.holdsHashes(), "appended to a log never asked");
    assertEquals(hashes(0, 1).get(0), second.hash(0));
    assertTrue(second.holdsHashes(), "asked");
    assertFalse(first.holdsHashes(), "made before the hashes were");
    EventLog third = second.appended(events(3, 1), STATE);
    assertTrue(third.holdsHashes(), "appended after they were made: handed on");
    assertEquals(hashes(3, 1).get(0), third.head());
    assertEquals(hashes(0, 2), List.of(first.hash(0), first.hash(1)), "computed again, the same");
  }

  @Test
  @DisplayName("each log keeps the state it was made with, whatever later logs hold")
  void stateKept() {
    Investigation later = opened(Instant.EPOCH.plusSeconds(1));
    EventLog first = EventLog.of(events(0, 1), STATE);
    EventLog second = first.appended(events(1, 1), later);
    assertSame(STATE, first.state());
    assertSame(later, second.state());
  }

  @Test
  @DisplayName("a first append longer than the initial capacity keeps every event")
  void largeFirstAppend() {
    List<InvestigationEvent> many = events(0, 100);
    assertEquals(many, EventLog.of(many, STATE));
    EventLog grown = EventLog.of(many, STATE).appended(events(100, 1), STATE);
    assertEquals(events(0, 101), grown);
    assertEquals(hashes(99, 1).get(0), grown.hash(99));
    assertEquals(hashes(100, 1).get(0), grown.head());
  }

  @Test
  @DisplayName(
      "hashes asked for from many threads while another appends are the chain's, whichever log is asked first")
  void hashesWhileAppending() throws Exception {
    int total = 400;
    List<InvestigationEvent> all = events(0, total);
    List<ChainHash> expected = hashes(0, total);
    for (int round = 0; round < 20; round++) {
      AtomicReference<EventLog> newest =
          new AtomicReference<>(EventLog.of(all.subList(0, 1), STATE));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
          long seed = round * 10L + r;
          readers.add(
              pool.submit(
                  () -> {
                    Random random = new Random(seed);
                    EventLog log;
                    do {
                      log = newest.get();
                      int index = random.nextInt(log.size());
                      assertEquals(expected.get(index), log.hash(index), "hash " + index);
                      assertEquals(expected.get(log.size() - 1), log.head(), "a head");
                    } while (log.size() < total && !Thread.currentThread().isInterrupted());
                    return null;
                  }));
        }
        for (int at = 1; at < total; at++) {
          newest.set(newest.get().appended(all.subList(at, at + 1), STATE));
        }
        for (Future<?> reader : readers) {
          reader.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
