package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.runtime.ParryRuntime;
import java.sql.Connection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A change recorded while a fenced append waits on a row lock: the fence reads the changes
 * committed when the append's statement started, as a read before the decision would have, and
 * recording the change never waits for an append.
 */
class AdversaryFenceTest extends FenceScenarios {

  @Test
  @DisplayName(
      "a kill switch thrown while a plan's fenced append waits on a row lock returns at once; the"
          + " plan decided before it is stored as decided, and the next plan is held")
  void killSwitchWhileThePlanWaitsOnALock() throws Exception {
    DataSource side = pool();
    ParryRuntime a = runtime("a", pool(), builder -> builder.scheduler(holding()));
    ParryRuntime b = bystander(builder -> {});
    InvestigationId id = opened(a, "locked-plan");
    Connection locker = lockRow(side, id);
    // threads of their own: the common pool may have a single thread, which the report holds
    ExecutorService threads = Executors.newFixedThreadPool(2);
    Future<Investigation> reported;
    try {
      reported = threads.submit(() -> a.reportEvidence(id, malicious(workstation("locked-plan"))));
      awaitBlocked(side, "WITH claim");
      threads
          .submit(
              () -> b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "kill switch: bad rule"))
          .get(10, TimeUnit.SECONDS); // never held back by an append
    } finally {
      locker.rollback();
      locker.close();
      threads.shutdown();
    }
    ActionRecord planned = reported.get(20, TimeUnit.SECONDS).actions().get(0);
    assertEquals(ActionStatus.APPROVED, planned.status(), "decided before the pause: " + planned);
    InvestigationId next = opened(a, "plan-after-pause");
    ActionRecord held =
        a.reportEvidence(next, malicious(workstation("plan-after-pause"))).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status(), "held by the kill switch");
  }
}
