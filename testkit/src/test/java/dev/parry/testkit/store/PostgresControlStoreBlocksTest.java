package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.safety.ControlStore.Window;
import dev.parry.spi.store.JdbcControlStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Admissions of several at once, on PostgreSQL, from two store instances whose pools differ in
 * every setting that changes how a transaction sees the others, mixed with admissions of one: no
 * window ever counts more than its maximum, and each counts exactly what it admitted.
 */
@DisplayName("PostgreSQL admissions of several at once never pass a window, from any pool")
class PostgresControlStoreBlocksTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  @DisplayName(
      "16 threads on two instances (one pool auto-commit off and REPEATABLE READ), wanting 1 to"
          + " 1,000 of random windows counted up to a minute ahead, admit no more than any window"
          + " holds, and count exactly that")
  void twoPoolsNeverPassAWindow() throws Exception {
    long seed = Long.getLong("parry.seed", System.nanoTime());
    System.out.println(
        "PostgresControlStoreBlocksTest seed: "
            + seed
            + " (replay with -Dparry.seed="
            + seed
            + ")");
    String run = UUID.randomUUID().toString();
    List<Window> windows =
        List.of(
            new Window("KIND:ISOLATE_DEVICE/blocks-" + run, Duration.ofHours(1), 5_000),
            new Window("KIND:ISOLATE_DEVICE/blocks-" + run, Duration.ofMinutes(1), 3_000),
            new Window("KIND:STOP_AND_QUARANTINE/blocks-" + run, Duration.ofNanos(1), 2_000));
    try (HikariDataSource plain = Postgres.pool("parry-test-blocks-plain", 4, config -> {});
        HikariDataSource odd =
            Postgres.pool(
                "parry-test-blocks-odd",
                4,
                config -> {
                  config.setAutoCommit(false);
                  config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
                })) {
      ControlStore[] stores = {JdbcControlStore.create(plain), JdbcControlStore.create(odd)};
      AtomicLongArray admitted = new AtomicLongArray(windows.size());
      ExecutorService pool = Executors.newFixedThreadPool(16);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          Random random = new Random(seed + t);
          ControlStore store = stores[t % 2];
          done.add(
              pool.submit(
                  () -> {
                    go.await();
                    for (int i = 0; i < 25; i++) {
                      List<Window> some = new ArrayList<>();
                      for (Window window : windows) {
                        if (random.nextBoolean()) {
                          some.add(window);
                        }
                      }
                      if (some.isEmpty()) {
                        some.add(windows.get(random.nextInt(windows.size())));
                      }
                      int answer;
                      if (random.nextInt(4) == 0) {
                        answer = store.admit(some, NOW, true) ? 1 : 0;
                      } else {
                        Duration ahead =
                            random.nextBoolean()
                                ? ControlStore.MAX_AHEAD
                                : Duration.ofMillis(random.nextInt(1_000));
                        answer =
                            store.admitUpTo(some, NOW, 1 + random.nextInt(1_000), NOW.plus(ahead));
                      }
                      for (Window window : some) {
                        admitted.addAndGet(windows.indexOf(window), answer);
                      }
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> one : done) {
          one.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      for (int i = 0; i < windows.size(); i++) {
        Window window = windows.get(i);
        assertTrue(
            admitted.get(i) <= window.max(),
            "seed " + seed + ": " + admitted.get(i) + " admitted to " + window);
        assertEquals(
            admitted.get(i),
            counted(window),
            "seed " + seed + ": the uses counted in " + window + " are those admitted");
      }
    }
  }

  private static long counted(Window window) throws Exception {
    try (Connection connection = Postgres.dataSource().getConnection();
        PreparedStatement count =
            connection.prepareStatement(
                "SELECT count(*) FROM parry_blast_uses WHERE window_key = ?")) {
      count.setString(1, window.key());
      try (ResultSet result = count.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }
}
