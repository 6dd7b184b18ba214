package dev.parry.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.runtime.ParryRuntime;
import dev.parry.runtime.TaskScheduler;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.StoreUnavailableException;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.fake.ForwardingStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The last writes a runtime keeps never make it store a decision on a wrong state")
class LastWritesUnderLoadTest {

  /** Fails some appends after they landed, as a store whose acknowledgement is lost does. */
  private static final class LostAcks extends ForwardingStore {
    private final SplittableRandom random;
    final Set<String> landedUnacknowledged = ConcurrentHashMap.newKeySet();
    volatile boolean losing;

    LostAcks(InvestigationStore delegate, long seed) {
      super(delegate);
      this.random = new SplittableRandom(seed);
    }

    @Override
    public ChainHead append(
        InvestigationId id,
        long expectedVersion,
        List<InvestigationEvent> events,
        Investigation after) {
      ChainHead head = super.append(id, expectedVersion, events, after);
      boolean lose;
      synchronized (random) {
        lose = losing && random.nextInt(10) == 0;
      }
      if (lose) {
        for (InvestigationEvent event : events) {
          if (event instanceof InvestigationEvent.EvidenceRecorded recorded) {
            landedUnacknowledged.add(recorded.evidence().detail());
          }
        }
        throw new StoreUnavailableException(
            "the acknowledgement was lost", new IOException("connection reset"));
      }
      return head;
    }
  }

  /** {@return {@code count} investigation ids whose last writes share one place of two} */
  static List<InvestigationId> sharingOnePlace(int count) {
    Map<Integer, List<InvestigationId>> bySet = new HashMap<>();
    for (int n = 0; ; n++) {
      InvestigationId id = InvestigationId.of("inv-" + n);
      int hash = id.hashCode();
      int set = (hash ^ (hash >>> 16)) & 2047;
      List<InvestigationId> ids = bySet.computeIfAbsent(set, k -> new ArrayList<>());
      ids.add(id);
      if (ids.size() == count) {
        return ids;
      }
    }
  }

  private static ParryRuntime runtime(InvestigationStore store, String name, Clock clock) {
    return ParryRuntime.builder()
        .clock(clock)
        .scheduler(TaskScheduler.threadPool(1))
        .store(store)
        .instanceName(name)
        .requiredKinds(Set.of())
        .deviceGroups(Samples.groups())
        .executor("d", FakeDevices.create(clock).executor())
        .build();
  }

  @Test
  @DisplayName(
      "eight threads each reporting to its own investigations, all in one place of the last"
          + " writes, while another runtime reports to the same investigations and some"
          + " acknowledgements are lost: each investigation holds every piece reported, once")
  void collidingInvestigationsUnderConflictsAndLostAcks() throws Exception {
    reportUnderLoad(sharingOnePlace(THREADS * PER_THREAD));
  }

  /**
   * {@return {@code 2^blocks} investigation ids with one and the same hash}: each is made of blocks
   * "Aa" or "BB", which hash alike
   */
  static List<InvestigationId> sameHash(int blocks) {
    List<InvestigationId> ids = new ArrayList<>();
    for (int bits = 0; bits < 1 << blocks; bits++) {
      StringBuilder value = new StringBuilder("inv-");
      for (int block = 0; block < blocks; block++) {
        value.append((bits >> block & 1) == 0 ? "Aa" : "BB");
      }
      ids.add(InvestigationId.of(value.toString()));
    }
    return ids;
  }

  @Test
  @DisplayName(
      "the same load on investigations whose ids all have one hash: each investigation holds"
          + " every piece reported, once")
  void sameHashInvestigationsUnderConflictsAndLostAcks() throws Exception {
    List<InvestigationId> ids = sameHash(4);
    assertEquals(THREADS * PER_THREAD, ids.size());
    for (InvestigationId id : ids) {
      assertEquals(ids.get(0).hashCode(), id.hashCode(), () -> id + " hashes apart");
    }
    reportUnderLoad(ids);
  }

  private static final int THREADS = 8;
  private static final int PER_THREAD = 2;

  private static void reportUnderLoad(List<InvestigationId> ids) throws Exception {
    long seed = System.nanoTime();
    System.out.println("seed " + seed);
    Clock clock = Clock.systemUTC();
    InMemoryInvestigationStore shared = InMemoryInvestigationStore.create();
    LostAcks storeA = new LostAcks(shared, seed);
    LostAcks storeB = new LostAcks(shared, seed + 1);
    int threads = THREADS;
    int perThread = PER_THREAD;
    int reports = 150;
    try (ParryRuntime a = runtime(storeA, "a", clock);
        ParryRuntime b = runtime(storeB, "b", clock)) {
      for (InvestigationId id : ids) {
        a.open(id, AlertId.of("alert-" + id.value()), Samples.SERVER);
      }
      storeA.losing = true;
      storeB.losing = true;
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<InvestigationId> own = ids.subList(t * perThread, (t + 1) * perThread);
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int r = 0; r < reports; r++) {
                    InvestigationId id = own.get(r % own.size());
                    report(a, id, "a-" + thread + "-" + r, clock, acknowledged);
                  }
                  return null;
                }));
      }
      done.add(
          pool.submit(
              () -> {
                go.await();
                for (int r = 0; r < reports; r++) {
                  InvestigationId id = ids.get(r % ids.size());
                  report(b, id, "b-" + r, clock, acknowledged);
                }
                return null;
              }));
      go.countDown();
      for (Future<?> each : done) {
        each.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      for (InvestigationId id : ids) {
        List<String> stored = new ArrayList<>();
        for (InvestigationEvent event : shared.events(id)) {
          if (event instanceof InvestigationEvent.EvidenceRecorded recorded) {
            stored.add(recorded.evidence().detail());
          }
        }
        Set<String> unique = new TreeSet<>(stored);
        assertEquals(
            unique.size(),
            stored.size(),
            () -> "a piece recorded twice in " + id + ", seed " + seed);
        for (String piece : unique) {
          assertTrue(
              acknowledged.contains(piece)
                  || storeA.landedUnacknowledged.contains(piece)
                  || storeB.landedUnacknowledged.contains(piece),
              () -> "recorded but never reported: " + piece + ", seed " + seed);
        }
        String prefix = id.value() + ":";
        for (String piece : acknowledged) {
          if (piece.startsWith(prefix)) {
            assertTrue(
                unique.contains(piece), () -> "acknowledged but lost: " + piece + ", seed " + seed);
          }
        }
      }
    }
  }

  private static void report(
      ParryRuntime runtime, InvestigationId id, String piece, Clock clock, Set<String> acked) {
    String detail = id.value() + ":" + piece;
    try {
      runtime.reportEvidence(
          id, Evidence.of(Samples.SERVER, Verdict.NO_THREATS_FOUND, detail, clock.instant()));
      acked.add(detail);
    } catch (StoreUnavailableException e) {
      // landed or not: the store says
    }
  }
}
