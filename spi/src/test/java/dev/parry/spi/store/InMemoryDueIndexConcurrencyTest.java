package dev.parry.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.policy.ApprovalMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The in-memory store's due index while decisions and reads of due work race")
class InMemoryDueIndexConcurrencyTest {

  static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
  static final Instant FAR = NOW.plus(Duration.ofDays(30));
  static final PrincipalName ALICE = PrincipalName.of("alice@contoso.com");

  final InMemoryInvestigationStore store = InMemoryInvestigationStore.create();

  Investigation apply(Investigation state, Command command) {
    return InMemoryDueIndexTest.apply(store, state, command);
  }

  /**
   * Opens investigation {@code n}, proposes four actions, approves the even ones, rejects the rest.
   */
  Set<ActionId> decide(int n) {
    Investigation state =
        InMemoryDueIndexTest.opened(store, "inv-" + n, Duration.ofHours(1 + n % 5));
    for (int i = 0; i < 4; i++) {
      state =
          apply(
              state, InMemoryDueIndexTest.isolation(n + "-d" + i, ApprovalMode.REQUIRES_APPROVAL));
    }
    Set<ActionId> approved = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      ActionId action = state.actions().get(i).id();
      if (i % 2 == 0) {
        state = apply(state, new Command.Approve(action, ALICE, ""));
        approved.add(action);
      } else {
        state = apply(state, new Command.Reject(action, Actor.principal(ALICE), "no"));
      }
    }
    return approved;
  }

  /** {@return every due action, page by page} */
  List<ActionId> walk(int limit) {
    List<ActionId> out = new ArrayList<>();
    ActionRecord after = null;
    while (true) {
      List<ActionRecord> page = store.due(FAR, "owner", after, limit);
      if (page.isEmpty()) {
        return out;
      }
      page.forEach(a -> out.add(a.id()));
      after = page.get(page.size() - 1);
    }
  }

  @Test
  @DisplayName(
      "after racing reads, every approved action is due exactly once and no stale entry is left")
  void racingReads() throws Exception {
    Set<ActionId> approved = ConcurrentHashMap.newKeySet();
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int first = w;
        writers.add(
            pool.submit(
                () -> {
                  for (int n = first; n < 400; n += 2) {
                    approved.addAll(decide(n));
                  }
                }));
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        int limit = 1 + r * 2;
        readers.add(
            pool.submit(
                () -> {
                  while (!done.get()) {
                    walk(limit);
                  }
                }));
      }
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
      done.set(true);
      for (Future<?> reader : readers) {
        reader.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<ActionId> due = walk(7);
    assertEquals(approved.size(), due.size(), "each once");
    assertEquals(approved, new HashSet<>(due), "every approved action, no other");
    assertEquals(0, store.dueEntries(), "every expiry's entry is gone once its time passed");
  }
}
