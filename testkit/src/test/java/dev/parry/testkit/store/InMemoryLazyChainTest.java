package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.RunAntivirusScan;
import dev.parry.core.action.ScanType;
import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.store.ConcurrencyConflictException;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.testkit.generate.Gen;
import dev.parry.testkit.random.Randomized;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store computes a chain hash when it is first read, not when its event is appended
 * without a head: the hashes it answers must be exactly those an eager append stores, whatever the
 * order of appends and reads, and from any thread.
 */
@DisplayName("The in-memory store's hashes computed when first read are those computed on append")
class InMemoryLazyChainTest {

  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  /** {@return the events and states of an investigation named {@code name}, in appends} */
  static List<Decision.Accepted> history(String name, Random random, int decisions) {
    InvestigationId id = InvestigationId.of(name);
    List<Decision.Accepted> appends = new ArrayList<>();
    Decision.Accepted opened =
        Investigation.open(
            id,
            AlertId.of("lazy"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            T0);
    appends.add(opened);
    Investigation state = opened.after();
    List<InvestigationEvent> batch = new ArrayList<>();
    for (int i = 0; i < decisions; i++) {
      Device device = Device.of(DeviceId.of(name + "-" + i), DeviceName.of("ws-" + i));
      PlannedAction planned =
          random.nextBoolean()
              ? new PlannedAction(
                  new IsolateDevice(device, IsolationType.FULL),
                  ApprovalMode.REQUIRES_APPROVAL,
                  "lazy")
              : new PlannedAction(
                  new RunAntivirusScan(device, ScanType.QUICK), ApprovalMode.AUTOMATIC, "lazy");
      Decision.Accepted one =
          (Decision.Accepted)
              state.decide(
                  new Command.ProposeAction(
                      new Command.Proposal(planned, ApprovalRule.SINGLE), Actor.system()),
                  T0.plusSeconds(i));
      batch.addAll(one.events());
      state = one.after();
      // one to three decisions' events in one append
      if (random.nextInt(3) == 0 || i == decisions - 1) {
        appends.add(new Decision.Accepted(List.copyOf(batch), state));
        batch.clear();
      }
    }
    return appends;
  }

  /** {@return every event of {@code appends}, in order} */
  static List<InvestigationEvent> events(List<Decision.Accepted> appends) {
    List<InvestigationEvent> all = new ArrayList<>();
    appends.forEach(append -> all.addAll(append.events()));
    return all;
  }

  static List<ChainHash> hashes(List<AuditRecord> chain) {
    return chain.stream().map(AuditRecord::hash).toList();
  }

  /** Appends the {@code at}-th append of {@code appends}, with its head or without. */
  static void append(
      InMemoryInvestigationStore store,
      List<Decision.Accepted> appends,
      int at,
      boolean withHead,
      List<ChainHash> eager) {
    Decision.Accepted append = appends.get(at);
    InvestigationId id = append.after().id();
    long before = at == 0 ? 0 : appends.get(at - 1).after().version();
    if (withHead) {
      ChainHead head = store.append(id, before, append.events(), append.after());
      long version = append.after().version();
      assertEquals(new ChainHead(version, eager.get((int) version - 1)), head, "the head");
    } else {
      store.appendWithoutHead(id, before, append.events(), append.after());
    }
  }

  @Test
  @DisplayName(
      "appends with and without heads, and chains read between them, answer the eager hashes")
  void sameAsEager() {
    Randomized.cases(200)
        .forAll(
            Gen.longs(0, Long.MAX_VALUE),
            seed -> {
              Random random = new Random(seed);
              List<Decision.Accepted> appends = history("lazy", random, 1 + random.nextInt(30));
              List<ChainHash> eager = AuditTrail.links(ChainHash.GENESIS, 0, events(appends));
              InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
              InvestigationId id = appends.get(0).after().id();
              for (int at = 0; at < appends.size(); at++) {
                append(store, appends, at, random.nextInt(4) == 0, eager);
                if (random.nextInt(3) == 0) {
                  List<AuditRecord> chain = store.chain(id);
                  assertEquals(eager.subList(0, chain.size()), hashes(chain), "a chain read");
                }
              }
              assertEquals(eager, hashes(store.chain(id)), "the whole chain");
              assertEquals(events(appends), store.events(id));
              assertInstanceOf(Verification.Intact.class, AuditTrail.verify(store.chain(id)));
            });
  }

  @Test
  @DisplayName(
      "under concurrent appends, refused races and reads, every head and chain answered is the eager one")
  void concurrent() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("InMemoryLazyChainTest.concurrent seed " + seed);
    Random random = new Random(seed);
    int investigations = 40;
    List<List<Decision.Accepted>> histories = new ArrayList<>();
    List<List<ChainHash>> eager = new ArrayList<>();
    for (int i = 0; i < investigations; i++) {
      histories.add(history("race-" + i, random, 5 + random.nextInt(20)));
      eager.add(AuditTrail.links(ChainHash.GENESIS, 0, events(histories.get(i))));
    }
    InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        long writerSeed = seed + w;
        // every writer appends every investigation's history: the same append races between them,
        // one wins and the others are refused and move on to the next
        writers.add(
            threads.submit(
                () -> {
                  Random mine = new Random(writerSeed);
                  await(start);
                  for (int i = 0; i < investigations; i++) {
                    List<Decision.Accepted> appends = histories.get(i);
                    for (int at = 0; at < appends.size(); at++) {
                      try {
                        append(store, appends, at, mine.nextInt(3) == 0, eager.get(i));
                      } catch (ConcurrencyConflictException refused) {
                        // another writer stored this append first
                      } catch (Throwable e) {
                        failures.add(e);
                      }
                    }
                  }
                }));
      }
      for (int r = 0; r < 3; r++) {
        long readerSeed = seed + 100 + r;
        threads.submit(
            () -> {
              Random mine = new Random(readerSeed);
              await(start);
              while (writing.get()) {
                int i = mine.nextInt(investigations);
                try {
                  List<AuditRecord> chain = store.chain(histories.get(i).get(0).after().id());
                  assertEquals(
                      eager.get(i).subList(0, chain.size()), hashes(chain), "a chain read");
                } catch (Throwable e) {
                  failures.add(e);
                }
              }
            });
      }
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
    } finally {
      writing.set(false);
      threads.shutdown();
      assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS));
    }
    assertEquals(List.of(), List.copyOf(failures), "seed " + seed);
    for (int i = 0; i < investigations; i++) {
      InvestigationId id = histories.get(i).get(0).after().id();
      assertEquals(eager.get(i), hashes(store.chain(id)), "investigation " + i + ", seed " + seed);
    }
  }

  private static void await(CountDownLatch start) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
