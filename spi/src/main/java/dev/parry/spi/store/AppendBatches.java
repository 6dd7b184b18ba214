package dev.parry.spi.store;

import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.audit.ChainHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The appends of one store written together when several wait. An append that finds one of the
 * {@code writers} free and no append waiting is written at once, by itself, on its own thread,
 * exactly as without batching. One that finds them all at work waits in line, and the next writer
 * free writes every append then waiting, up to {@value #MAX_BATCH}, in one transaction: a lock
 * timeout, each statement's kind sent as one JDBC batch (one round trip), one commit, so that the
 * appends share one flush of the database's log. The writers bound the line, not every write: an
 * append written again by itself after a batch, or whose writer stalled, is written outside them.
 *
 * <p>What each append promises is unchanged. Its statement checks what it checks alone and writes
 * nothing if a check fails; such an append is written again by itself after the commit, which finds
 * out why or writes it. A batch whose statements fail, or that the database rolls back, leaves
 * every append in it to be written by itself. A commit that was sent and failed otherwise, whatever
 * was thrown, answers each append it wrote as unknown ({@link Writer#unknown}); every append taken
 * gets an answer, even when an {@link Error} is thrown. A writer at work past the stall time stops
 * counting, and a batch (or another thread's lone append, which goes as one) waits no longer than
 * that for a row lock. Statements of a batch take their row locks by kind, then by investigation.
 *
 * @param <A> an append, as the store encodes it
 */
final class AppendBatches<A> {

  /** The most appends written in one transaction. */
  static final int MAX_BATCH = 64;

  /** How a store writes its appends. */
  interface Writer<A> {

    /** {@return the investigation {@code append} writes to} */
    InvestigationId investigation(A append);

    /** {@return the statement of {@code append}: appends with the same one are sent together} */
    String sql(A append);

    /**
     * Binds {@code append} to {@code statement}, prepared from {@link #sql}, on {@code connection}.
     */
    void bind(Connection connection, PreparedStatement statement, A append) throws SQLException;

    /** {@return the chain head of {@code append}}, written by itself as without batching. */
    ChainHead alone(A append);

    /** {@return the chain head of {@code append}}, which a committed batch wrote. */
    ChainHead written(A append);

    /**
     * {@return the exception for {@code append}}, which a batch whose commit's answer was lost may
     * have written; {@code cause} is what the commit threw, null if what was thrown is not an
     * exception.
     */
    RuntimeException unknown(A append, @Nullable Throwable cause);
  }

  /**
   * How long a writer counts against the limit ({@value #STALL_MILLIS} ms): one still writing after
   * that (an append waiting for a row lock held elsewhere, say) stops counting, so the appends
   * behind it are not held up by it, and a batch waits no longer for a row lock before it is rolled
   * back and its appends are written by themselves.
   */
  static final long STALL_MILLIS = 50;

  private final DataSource dataSource;
  private final Writer<A> writer;
  private final Semaphore writers;
  private final Queue<Waiting<A>> waiting = new ConcurrentLinkedQueue<>();
  private final Set<Turn> turns = ConcurrentHashMap.newKeySet();

  /**
   * A writer at work, which counts against the limit from its start until it ends or, past {@link
   * #STALL_MILLIS}, a waiting append ends its count early: its permit is given back exactly once.
   */
  private final class Turn {
    final long start = System.nanoTime();
    final AtomicBoolean counted = new AtomicBoolean(true);

    /** Gives the permit back, if this turn still holds it. */
    void end() {
      if (counted.compareAndSet(true, false)) {
        writers.release();
      }
    }
  }

  private final long stallNanos;

  /** Sets a batch's lock timeout to the stall time, for its transaction only. */
  private final String lockTimeout;

  AppendBatches(DataSource dataSource, Writer<A> writer, int writers) {
    this(dataSource, writer, writers, TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS));
  }

  /** As above, a writer counting for {@code stallNanos} at most (tests shorten it). */
  AppendBatches(DataSource dataSource, Writer<A> writer, int writers, long stallNanos) {
    this.dataSource = dataSource;
    this.writer = writer;
    this.writers = new Semaphore(writers);
    this.stallNanos = stallNanos;
    this.lockTimeout =
        "SELECT set_config('lock_timeout', '" + Math.max(1, stallNanos / 1_000_000) + "ms', true)";
  }

  /** {@return how many appends wait to be taken by a writer} */
  int waiting() {
    return waiting.size();
  }

  /** An append waiting, the thread that waits for it, and, once written, what it came to. */
  private static final class Waiting<A> {
    final A append;
    final Thread thread = Thread.currentThread();
    volatile boolean taken;
    volatile @Nullable Outcome outcome;

    Waiting(A append) {
      this.append = append;
    }
  }

  /** What a batch did with an append. */
  private sealed interface Outcome {}

  private record Written(ChainHead head) implements Outcome {}

  private record Failed(RuntimeException failure) implements Outcome {}

  /** Its statement wrote nothing, or the batch was rolled back: it is written by itself. */
  private enum Alone implements Outcome {
    ALONE
  }

  /**
   * {@return the chain head of {@code append}, written}: at once by itself when a writer is free
   * and no append waits, otherwise with the others waiting when a writer is free.
   */
  ChainHead write(A append) {
    boolean interrupted = false;
    try {
      if (waiting.isEmpty() && writers.tryAcquire()) {
        Turn turn = begin();
        try {
          return writer.alone(append);
        } finally {
          finish(turn);
        }
      }
      Waiting<A> mine = new Waiting<>(append);
      waiting.add(mine);
      while (mine.outcome == null) {
        if (!mine.taken && writers.tryAcquire()) {
          Turn turn = begin();
          try {
            lead(mine);
          } finally {
            finish(turn);
          }
        } else if (mine.outcome == null) {
          LockSupport.parkNanos(this, stallNanos);
          interrupted |= Thread.interrupted(); // the append is finished first, then the flag set
          endStalled();
        }
      }
      Outcome outcome = mine.outcome;
      if (outcome instanceof Written written) {
        return written.head();
      }
      if (outcome instanceof Failed failed) {
        throw failed.failure();
      }
      return writer.alone(append);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@return the turn of a writer just acquired}, giving the writer back if it cannot be made */
  private Turn begin() {
    try {
      Turn turn = new Turn();
      turns.add(turn);
      return turn;
    } catch (RuntimeException | Error e) {
      writers.release();
      throw e;
    }
  }

  /** Ends {@code turn}, giving its writer back if it still counts, and wakes who waits next. */
  private void finish(Turn turn) {
    turns.remove(turn);
    turn.end();
    wakeNext();
  }

  /** Ends the count of every writer at work for longer than {@link #STALL_MILLIS}. */
  private void endStalled() {
    long now = System.nanoTime();
    for (Turn turn : turns) {
      if (now - turn.start > stallNanos && turn.counted.get()) {
        turn.end();
        wakeNext();
      }
    }
  }

  /** Wakes the oldest append still waiting, whose thread then writes what waits. */
  private void wakeNext() {
    Waiting<A> next = waiting.peek();
    if (next != null) {
      LockSupport.unpark(next.thread);
    }
  }

  /**
   * Writes what waits, holding a writer: {@code mine} alone when it is all that waits, anything
   * else as a batch, whose lock timeout keeps this thread from waiting long on another's row lock.
   */
  private void lead(Waiting<A> mine) {
    List<Waiting<A>> batch = new ArrayList<>();
    for (Waiting<A> next; batch.size() < MAX_BATCH && (next = waiting.poll()) != null; ) {
      next.taken = true;
      batch.add(next);
    }
    try {
      if (batch.size() == 1 && batch.get(0) == mine) {
        Waiting<A> only = mine;
        try {
          only.outcome = new Written(writer.alone(only.append));
        } catch (RuntimeException e) {
          only.outcome = new Failed(e);
        }
      } else if (!batch.isEmpty()) { // another's append alone goes this way too
        batch.sort(
            Comparator.comparing((Waiting<A> w) -> writer.sql(w.append))
                .thenComparing(w -> writer.investigation(w.append).value()));
        writeTogether(batch);
      }
    } finally { // whatever was thrown, even an Error, every append taken gets an outcome
      for (Waiting<A> done : batch) {
        if (done.outcome == null) {
          done.outcome = Alone.ALONE;
        }
        if (done.thread != Thread.currentThread()) {
          LockSupport.unpark(done.thread);
        }
      }
    }
  }

  /**
   * Writes {@code batch} in one transaction. Sets the outcome of each append its statements wrote:
   * written once committed, unknown if the commit's answer is lost; leaves the others unset, to be
   * written by themselves.
   */
  private void writeTogether(List<Waiting<A>> batch) {
    List<Waiting<A>> wrote = new ArrayList<>(batch.size());
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      if (autoCommit) {
        connection.setAutoCommit(false);
      }
      boolean committing = false;
      boolean settled = false;
      @Nullable Throwable lost = null;
      try {
        try (Statement timeout = connection.createStatement()) {
          timeout.execute(lockTimeout);
        }
        if (statements(connection, batch, wrote)) {
          committing = true;
          connection.commit();
          for (Waiting<A> done : wrote) {
            done.outcome = new Written(writer.written(done.append));
          }
        } else {
          connection.rollback(); // a count the driver did not give: all go alone
        }
        settled = true;
      } catch (SQLException e) {
        if (!committing) {
          rollback(connection, e);
          settled = true;
        } else if (isRollback(e)) {
          settled = true; // the database rolled the commit back: nothing written
        } else {
          lost = e;
        }
      } catch (RuntimeException e) {
        if (!committing) {
          rollback(connection, e);
          settled = true;
        } else {
          lost = e;
        }
      } finally {
        if (committing && !settled) { // the commit was sent: what it wrote may have landed
          for (Waiting<A> unknown : wrote) {
            if (unknown.outcome == null) {
              unknown.outcome = new Failed(writer.unknown(unknown.append, lost));
            }
          }
        } else if (!settled) { // an Error before the commit: nothing of it may stay
          rollbackQuietly(connection);
        }
        if (autoCommit) {
          connection.setAutoCommit(true);
        }
      }
    } catch (SQLException | RuntimeException e) {
      // the connection could not be had, set up or given back: what has no outcome goes alone
    }
  }

  /**
   * Sends the statements of {@code batch}, one JDBC batch per kind, adding to {@code wrote} each
   * append its statement wrote; {@return false} if the driver did not say which did.
   */
  private boolean statements(Connection connection, List<Waiting<A>> batch, List<Waiting<A>> wrote)
      throws SQLException {
    int from = 0;
    while (from < batch.size()) {
      String sql = writer.sql(batch.get(from).append);
      int to = from;
      while (to < batch.size() && writer.sql(batch.get(to).append).equals(sql)) {
        to++;
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = from; i < to; i++) {
          writer.bind(connection, statement, batch.get(i).append);
          statement.addBatch();
        }
        int[] counts = statement.executeBatch();
        if (counts.length != to - from) {
          return false;
        }
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] == Statement.SUCCESS_NO_INFO || counts[i] < 0) {
            return false;
          }
          if (counts[i] > 0) {
            wrote.add(batch.get(from + i));
          }
        }
      }
      from = to;
    }
    return true;
  }

  /**
   * {@return whether {@code e} says the transaction was rolled back}: a serialization failure, a
   * deadlock or a constraint checked at commit (SQLSTATE 40001, 40P01, 40002); any other answer,
   * 40003 (completion unknown) among them, may hide a commit that landed
   */
  private static boolean isRollback(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state) || "40002".equals(state);
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      // the connection is lost, and the transaction with it
    }
  }

  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e); // the transaction never committed: nothing of it stays
    }
  }
}
