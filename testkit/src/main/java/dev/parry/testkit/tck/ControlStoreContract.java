// Past 400 lines because a contract is one class a vendor extends: one commented group per
// part of the interface, each rule one test.
package dev.parry.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.EntityKey;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.safety.ControlStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The control store contract (rules CTRL-1 to CTRL-10 of {@code spi/SPEC.md}, CTRL-8 untestable).
 * Extend it and return a store from {@link #createStore()}; a store shared between tests is fine:
 * every rule works on changes and windows of its own, and reads the changes others recorded only
 * past its own.
 *
 * <pre>{@code
 * class PostgresControlStoreContractTest extends ControlStoreContract {
 *   @Override
 *   protected ControlStore createStore() {
 *     return JdbcControlStore.create(dataSource);
 *   }
 * }
 * }</pre>
 */
public abstract class ControlStoreContract extends ContractSupport {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123456789Z");
  private static final PrincipalName ALICE = PrincipalName.of("alice@contoso.com");

  private @Nullable ControlStore store;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /** Creates the contract. */
  protected ControlStoreContract() {}

  /** {@return the store under test; called before every test} */
  protected abstract ControlStore createStore();

  @BeforeEach
  final void createContractStore() {
    store = createStore();
  }

  final ControlStore store() {
    return Objects.requireNonNull(store, "createStore() must not return null");
  }

  final ControlChange pause(String reason) {
    return ControlChange.pause(DeviceGroupName.of("tck-" + run), ALICE, T0, reason);
  }

  /** {@return every change numbered above {@code after}, read page by page} */
  final List<ControlChange> allAfter(long after) {
    List<ControlChange> out = new ArrayList<>();
    long last = after;
    while (true) {
      List<ControlChange> page = store().changes(last, ControlStore.MAX_CHANGES);
      out.addAll(page);
      if (page.size() < ControlStore.MAX_CHANGES) {
        return out;
      }
      last = page.get(page.size() - 1).sequence();
    }
  }

  final ControlStore.Window window(String name, Duration length, int max) {
    return new ControlStore.Window("tck-" + run + "-" + name, length, max);
  }

  // ---- Changes
  // -----------------------------------------------------------------------------------

  @Test
  @DisplayName(
      "CTRL-1: changes are numbered in the order recorded, and changes(after, limit) answers them in order")
  void ctrl1_numberedAndPaged() {
    rule("CTRL-1", false);
    ControlChange first = store().record(pause("one"));
    ControlChange second = store().record(pause("two"));
    ControlChange third = store().record(pause("three"));
    assertTrue(first.sequence() > 0, "CTRL-1: numbers start at 1: " + first.sequence());
    assertEquals(
        first.sequence() + 1, second.sequence(), "CTRL-1: no gap between consecutive records");
    assertEquals(
        second.sequence() + 1, third.sequence(), "CTRL-1: no gap between consecutive records");
    assertEquals(
        List.of(first, second, third),
        store().changes(first.sequence() - 1, 3),
        "CTRL-1: in order");
    assertEquals(List.of(first), store().changes(first.sequence() - 1, 1), "CTRL-1: at most limit");
    assertEquals(
        List.of(second, third),
        store().changes(first.sequence(), 2),
        "CTRL-1: from just after 'after'");
    assertEquals(
        List.of(),
        store().changes(third.sequence(), 5).stream()
            .filter(c -> c.sequence() <= third.sequence())
            .toList(),
        "CTRL-1: nothing at or below 'after'");
  }

  @Test
  @DisplayName("CTRL-2: a change reads back exactly as recorded, every kind and field")
  void ctrl2_exactRoundTrip() {
    rule("CTRL-2", false);
    String hostile = "r\u00e9sum\u00e9 \u202eexe.txt \ud83d\ude00 e\u0301 \u00a0\u200b " + run;
    List<ControlChange> recorded = new ArrayList<>();
    recorded.add(
        store()
            .record(
                ControlChange.pause(
                    DeviceGroupName.of("tck " + run + " \u00e9"),
                    ALICE,
                    T0.plusNanos(1),
                    hostile)));
    recorded.add(
        store().record(ControlChange.resume(null, ALICE, T0, "resume"))); // null group: every group
    recorded.add(
        store()
            .record(
                ControlChange.breakGlass(
                    DeviceId.of("tck-" + run + "-dc"),
                    T0.plus(Duration.ofMinutes(30)).plusNanos(7),
                    PrincipalName.of("B\u00f6b@Contoso.com"),
                    T0,
                    "dc down")));
    for (AllowIndicator indicator :
        List.of(
            new AllowIndicator.FileHash(
                Sha256.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
            new AllowIndicator.ExactUrl(WebUrl.of("https://partner.example/a?b=c&d=" + run)),
            new AllowIndicator.Domain(DomainName.of("partner.example")),
            new AllowIndicator.ExactEntity(
                EntityKey.of("file:" + run + "@d:C:\\Temp\\caf\u00e9.exe")))) {
      recorded.add(
          store().record(ControlChange.allow(indicator, true, ALICE, T0, "false positive")));
      recorded.add(store().record(ControlChange.allow(indicator, false, ALICE, T0, "revoked")));
    }
    AllowIndicator scoped =
        new AllowIndicator.Sender(dev.parry.core.entity.SmtpAddress.of("tck@" + run + ".example"));
    recorded.add(
        store()
            .record(
                ControlChange.allow(
                    scoped,
                    java.util.Set.of(
                        DeviceGroupName.of("Servers"),
                        DeviceGroupName.of("tck " + run + " \u00e9")),
                    T0.plus(Duration.ofDays(1)).plusNanos(3),
                    ALICE,
                    T0,
                    "scoped")));
    recorded.add(store().record(ControlChange.allow(scoped, false, ALICE, T0, "revoked")));
    List<ControlChange> read = store().changes(recorded.get(0).sequence() - 1, recorded.size());
    assertEquals(recorded, read, "CTRL-2: every field reads back as recorded");
  }

  @Test
  @DisplayName(
      "CTRL-3: under concurrent records every number is given once, and a reader never sees a lower number after a higher")
  void ctrl3_concurrentRecordsAreOrdered() throws Exception {
    rule("CTRL-3", false);
    long start = store().record(pause("start")).sequence();
    int writers = 6;
    int each = 20;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    CountDownLatch go = new CountDownLatch(1);
    AtomicBoolean done = new AtomicBoolean();
    try {
      List<Future<List<Long>>> written = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        written.add(
            pool.submit(
                () -> {
                  go.await();
                  List<Long> numbers = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    numbers.add(store().record(pause("w" + writer + "-" + i)).sequence());
                  }
                  return numbers;
                }));
      }
      Future<List<Long>> reader =
          pool.submit(
              () -> {
                go.await();
                List<Long> seen = new ArrayList<>();
                long last = start;
                boolean finalRead = false;
                while (!finalRead) {
                  finalRead = done.get();
                  for (ControlChange change : allAfter(last)) {
                    seen.add(change.sequence());
                    last = change.sequence();
                  }
                }
                return seen;
              });
      go.countDown();
      List<Long> given = new ArrayList<>();
      for (Future<List<Long>> future : written) {
        given.addAll(future.get(60, TimeUnit.SECONDS));
      }
      done.set(true);
      List<Long> seen = reader.get(60, TimeUnit.SECONDS);
      assertEquals(
          (long) writers * each,
          given.stream().distinct().count(),
          "CTRL-3: every number given once");
      List<Long> ours = seen.stream().filter(given::contains).toList();
      for (int i = 1; i < seen.size(); i++) {
        assertEquals(
            seen.get(i - 1) + 1,
            seen.get(i),
            "CTRL-3: the reader saw "
                + seen.get(i)
                + " right after "
                + seen.get(i - 1)
                + ": a lower number appeared late or one was skipped");
      }
      assertEquals(
          given.stream().sorted().toList(),
          ours,
          "CTRL-3: the reader saw every change once, in order");
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- Blast-radius windows
  // ----------------------------------------------------------------------

  @Test
  @DisplayName("CTRL-4: concurrent admissions to one window never pass its maximum")
  void ctrl4_admitsAtMostMax() throws Exception {
    rule("CTRL-4", false);
    ControlStore.Window window = window("c4", Duration.ofHours(1), 5);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return store().admit(List.of(window), T0, true);
                }));
      }
      go.countDown();
      int admitted = 0;
      for (Future<Boolean> answer : answers) {
        admitted += answer.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertEquals(5, admitted, "CTRL-4: 64 concurrent admissions to a window of 5");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName(
      "CTRL-5: an admission counts in every window or in none, and a dry run counts in none")
  void ctrl5_allOrNone() {
    rule("CTRL-5", false);
    ControlStore.Window narrow = window("c5-narrow", Duration.ofHours(1), 1);
    ControlStore.Window wide = window("c5-wide", Duration.ofHours(1), 3);
    assertTrue(
        store().admit(List.of(narrow, wide), T0, false), "CTRL-5: a dry run of an empty window");
    assertTrue(store().admit(List.of(narrow, wide), T0, true), "CTRL-5: the first admission");
    assertFalse(
        store().admit(List.of(wide, narrow), T0, true), "CTRL-5: the narrow window is full");
    assertTrue(store().admit(List.of(wide), T0, false), "CTRL-5: a dry run");
    assertTrue(
        store().admit(List.of(wide), T0, true),
        "CTRL-5: the refused admission used none of the wide window");
    assertTrue(
        store().admit(List.of(wide), T0, true),
        "CTRL-5: the dry runs used none of the wide window");
    assertFalse(store().admit(List.of(wide), T0, true), "CTRL-5: the wide window holds 3");
  }

  @Test
  @DisplayName(
      "CTRL-6: a window counts the uses in the length before now; a use exactly one length ago no longer counts")
  void ctrl6_windowSlides() {
    rule("CTRL-6", false);
    Duration hour = Duration.ofHours(1);
    ControlStore.Window window = window("c6", hour, 2);
    ControlStore.Window shorter = window("c6", Duration.ofMinutes(30), 1);
    assertTrue(store().admit(List.of(window), T0, true));
    assertTrue(store().admit(List.of(window), T0.plus(Duration.ofMinutes(10)), true));
    assertFalse(
        store().admit(List.of(window), T0.plus(Duration.ofMinutes(59)), true),
        "CTRL-6: two uses in the hour");
    assertFalse(
        store().admit(List.of(window), T0.plus(hour).minusNanos(1), true),
        "CTRL-6: the first use still counts a nanosecond before the hour ends");
    assertTrue(
        store().admit(List.of(window), T0.plus(hour), true),
        "CTRL-6: the first use ended exactly one hour later");
    assertFalse(
        store().admit(List.of(window), T0.plus(hour), true),
        "CTRL-6: the second and third uses count");
    assertTrue(
        store().admit(List.of(shorter), T0, true),
        "CTRL-6: a window of the same scope and another length counts apart");
  }

  // ---- Bad arguments
  // -----------------------------------------------------------------------------

  @Test
  @DisplayName(
      "CTRL-7: recorded changes, pages and admissions out of range are refused with InvalidInputException, nothing recorded")
  void ctrl7_refusesBadArguments() {
    rule("CTRL-7", false);
    ControlChange last = store().record(pause("before"));
    ControlChange numbered = pause("numbered").recordedAs(99);
    assertThrows(
        InvalidInputException.class, () -> store().record(numbered), "CTRL-7: a numbered change");
    assertThrows(InvalidInputException.class, () -> store().changes(-1, 1), "CTRL-7: after -1");
    assertThrows(InvalidInputException.class, () -> store().changes(0, 0), "CTRL-7: limit 0");
    assertThrows(
        InvalidInputException.class,
        () -> store().changes(0, ControlStore.MAX_CHANGES + 1),
        "CTRL-7: limit above MAX_CHANGES");
    assertThrows(
        InvalidInputException.class, () -> store().admit(List.of(), T0, true), "CTRL-7: no window");
    ControlStore.Window window = window("c7", Duration.ofHours(1), 5);
    assertThrows(
        InvalidInputException.class,
        () -> store().admitUpTo(List.of(), T0, 1, T0),
        "CTRL-7: several without a window");
    assertThrows(
        InvalidInputException.class,
        () -> store().admitUpTo(List.of(window), T0, 0, T0),
        "CTRL-7: none wanted");
    assertThrows(
        InvalidInputException.class,
        () -> store().admitUpTo(List.of(window), T0, ControlStore.MAX_AT_ONCE + 1, T0),
        "CTRL-7: more than MAX_AT_ONCE wanted");
    assertThrows(
        InvalidInputException.class,
        () -> store().admitUpTo(List.of(window), T0, 1, T0.minusNanos(1)),
        "CTRL-7: counted before now");
    assertThrows(
        InvalidInputException.class,
        () ->
            store().admitUpTo(List.of(window), T0, 1, T0.plus(ControlStore.MAX_AHEAD).plusNanos(1)),
        "CTRL-7: counted further ahead than MAX_AHEAD");
    assertEquals(
        5,
        store().admitUpTo(List.of(window), T0, 5, T0),
        "CTRL-7: the refused admissions counted nothing");
    assertEquals(
        List.of(),
        store().changes(last.sequence(), ControlStore.MAX_CHANGES).stream()
            .filter(c -> c.reason().equals("numbered"))
            .toList(),
        "CTRL-7: the refused change was not recorded");
    assertEquals(1, store().changes(0, 1).size(), "CTRL-7: limit 1 answers");
  }

  @Test
  @DisplayName(
      "CTRL-9: admitting several answers no more than every window has room for, at least one when"
          + " there is room, counted in each; concurrent callers never pass a window's maximum")
  void ctrl9_admitsUpToTheRoomOfEveryWindow() throws Exception {
    rule("CTRL-9", false);
    ControlStore.Window narrow = window("c9n", Duration.ofHours(1), 5);
    ControlStore.Window wide = window("c9w", Duration.ofHours(1), 8);
    assertTrue(store().admit(List.of(narrow), T0, true), "CTRL-9: one use before");
    assertEquals(
        4,
        store().admitUpTo(List.of(narrow, wide), T0, 10, T0),
        "CTRL-9: 10 wanted, the narrow window has room for 4");
    assertEquals(
        0,
        store().admitUpTo(List.of(wide, narrow), T0, 1, T0),
        "CTRL-9: the narrow window is full, and nothing is counted in the wide one");
    assertEquals(
        2, store().admitUpTo(List.of(wide), T0, 2, T0), "CTRL-9: fewer wanted than there is room");
    assertEquals(
        2,
        store().admitUpTo(List.of(wide), T0, 10, T0),
        "CTRL-9: the wide window counted the 4 admitted with the narrow one, and the 2");
    assertFalse(store().admit(List.of(wide), T0, false), "CTRL-9: the wide window is full");

    ControlStore.Window shared = window("c9c", Duration.ofHours(1), 50);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return store().admitUpTo(List.of(shared), T0, 7, T0);
                }));
      }
      go.countDown();
      int admitted = 0;
      for (Future<Integer> answer : answers) {
        int one = answer.get(60, TimeUnit.SECONDS);
        assertTrue(one >= 0 && one <= 7, "CTRL-9: 0 to 7: " + one);
        admitted += one;
      }
      assertEquals(50, admitted, "CTRL-9: 16 concurrent callers wanting 7 of a window of 50");
      assertFalse(
          store().admit(List.of(shared), T0, false),
          "CTRL-9: the concurrent callers counted what they were answered");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName(
      "CTRL-10: uses admitted several at once are counted at the time given, and count until one"
          + " window length after it")
  void ctrl10_countedAtTheTimeGiven() {
    rule("CTRL-10", false);
    Duration hour = Duration.ofHours(1);
    ControlStore.Window window = window("c10", hour, 5);
    Instant ahead = T0.plusSeconds(30);
    assertTrue(store().admit(List.of(window), T0, true), "CTRL-10: one use at T0");
    assertEquals(
        4, store().admitUpTo(List.of(window), T0, 4, ahead), "CTRL-10: four counted 30 s ahead");
    assertEquals(
        0,
        store().admitUpTo(List.of(window), T0, 1, T0),
        "CTRL-10: uses counted ahead count at once, before the time they were counted at");
    assertFalse(
        store().admit(List.of(window), T0, false), "CTRL-10: admit counts the uses counted ahead");
    assertEquals(
        0,
        store().admitUpTo(List.of(window), T0.plus(hour).minusNanos(1), 1, T0.plus(hour)),
        "CTRL-10: a nanosecond before an hour after T0 all count");
    assertEquals(
        1,
        store().admitUpTo(List.of(window), T0.plus(hour), 1, T0.plus(hour)),
        "CTRL-10: an hour after T0 only the use at T0 ended: the uses counted ahead still count");
    assertEquals(
        0,
        store().admitUpTo(List.of(window), ahead.plus(hour).minusNanos(1), 1, ahead.plus(hour)),
        "CTRL-10: a nanosecond before an hour after the time they were counted at, they count");
    assertEquals(
        4,
        store().admitUpTo(List.of(window), ahead.plus(hour), 5, ahead.plus(hour)),
        "CTRL-10: an hour after the time they were counted at, the four ended (the use counted"
            + " an hour after T0 still counts)");

    ControlStore.Window behind = window("c10b", hour, 5);
    assertEquals(1, store().admitUpTo(List.of(behind), T0, 1, ahead), "CTRL-10: one counted ahead");
    for (int i = 0; i < 4; i++) {
      assertTrue(store().admit(List.of(behind), T0, true), "CTRL-10: then one at T0");
    }
    assertEquals(
        4,
        store().admitUpTo(List.of(behind), T0.plus(hour), 5, T0.plus(hour)),
        "CTRL-10: the uses at T0 ended an hour later, although one counted ahead was counted"
            + " before them");
  }
}
