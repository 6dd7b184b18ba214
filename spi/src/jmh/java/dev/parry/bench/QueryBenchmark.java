package dev.parry.bench;

import dev.parry.core.action.ActionKind;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.Page;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The action center's queries on stores of growing size (10 actions per investigation, 1 pending).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QueryBenchmark {

  @Param({"1000", "100000", "1000000"})
  public int actions;

  private InMemoryInvestigationStore store;
  private ActionQuery pendingPage;
  private ActionQuery historyPage;

  @Setup
  public void setUp() {
    store = Fixtures.store(actions / 10, 10, 1);
    pendingPage = ActionQuery.pending().limit(50).build();
    historyPage =
        ActionQuery.history().kinds(EnumSet.of(ActionKind.ISOLATE_DEVICE)).limit(50).build();
  }

  /** The Pending tab's first page of 50. */
  @Benchmark
  public Page<ActionRecord> firstPendingPage() {
    return store.queryActions(pendingPage);
  }

  /** The History tab's first page of 50, newest first, filtered by kind. */
  @Benchmark
  public Page<ActionRecord> filteredHistoryPage() {
    return store.queryActions(historyPage);
  }
}
