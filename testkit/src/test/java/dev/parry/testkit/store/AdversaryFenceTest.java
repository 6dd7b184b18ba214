package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.runtime.ParryRuntime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Adversarial: the fence is read with the append statement's snapshot (taken when the statement
 * starts), not as the append commits. An append that waits on a row lock while a pause is recorded
 * and returns commits afterwards, decided on the control state before the pause.
 */
class AdversaryFenceTest extends FenceScenarios {

  /** {@return whether {@code pause} is still waiting after half a second} */
  private static boolean stillWaiting(CompletableFuture<Void> pause) throws InterruptedException {
    Thread.sleep(500);
    return !pause.isDone();
  }

  @Test
  @DisplayName(
      "a kill switch thrown while the dispatch's fenced start waits on a row lock waits for that"
          + " start: the start recorded before the pause is carried on, and the pause holds for"
          + " what comes after it")
  void killSwitchWhileTheStartWaitsOnALock() throws Exception {
    Holding scheduler = holding();
    DataSource side = pool();
    ParryRuntime a = runtime("a", pool(), builder -> builder.scheduler(scheduler));
    ParryRuntime b = bystander(builder -> {});
    InvestigationId id = opened(a, "locked-start");
    Investigation state = a.reportEvidence(id, malicious(workstation("locked-start")));
    assertEquals(ActionStatus.APPROVED, state.actions().get(0).status(), "planned automatic");
    Connection locker = lockRow(side, id);
    CompletableFuture<Void> pause;
    try {
      scheduler.letGo(); // the dispatch's start append waits on the investigation's row
      awaitBlocked(side, "WITH claim");
      pause =
          CompletableFuture.runAsync(
              () -> b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "kill switch: bad rule"));
      assertTrue(stillWaiting(pause), "the pause did not wait for the start under way");
    } finally {
      locker.rollback();
      locker.close();
    }
    pause.get(20, TimeUnit.SECONDS);
    SharedStoreScenarios.await(
        "the start recorded before the pause was carried on",
        () -> only(a, id).status() == ActionStatus.SUCCEEDED);
    InvestigationId next = opened(a, "after-pause");
    ActionRecord held =
        a.reportEvidence(next, malicious(workstation("after-pause"))).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status(), "held by the kill switch");
  }

  @Test
  @DisplayName(
      "a kill switch thrown while a plan's fenced append waits on a row lock waits for that plan:"
          + " the plan decided before the pause is stored as it was, and the next one is held")
  void killSwitchWhileThePlanWaitsOnALock() throws Exception {
    Holding scheduler = holding();
    DataSource side = pool();
    ParryRuntime a = runtime("a", pool(), builder -> builder.scheduler(scheduler));
    ParryRuntime b = bystander(builder -> {});
    InvestigationId id = opened(a, "locked-plan");
    Connection locker = lockRow(side, id);
    CompletableFuture<Investigation> reported;
    CompletableFuture<Void> pause;
    try {
      reported =
          CompletableFuture.supplyAsync(
              () -> a.reportEvidence(id, malicious(workstation("locked-plan"))));
      awaitBlocked(side, "WITH claim");
      pause =
          CompletableFuture.runAsync(
              () -> b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "kill switch: bad rule"));
      assertTrue(stillWaiting(pause), "the pause did not wait for the plan under way");
    } finally {
      locker.rollback();
      locker.close();
    }
    pause.get(20, TimeUnit.SECONDS);
    ActionRecord planned = reported.get(20, TimeUnit.SECONDS).actions().get(0);
    assertEquals(ActionStatus.APPROVED, planned.status(), "stored before the pause: " + planned);
    InvestigationId next = opened(a, "plan-after-pause");
    ActionRecord held =
        a.reportEvidence(next, malicious(workstation("plan-after-pause"))).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, held.status(), "held by the kill switch");
  }

  @Test
  @DisplayName(
      "a plan whose fenced append starts while a kill switch is being recorded waits for it,"
          + " reads it and is held")
  void planWhileTheKillSwitchIsRecorded() throws Exception {
    DataSource side = pool();
    ParryRuntime a = runtime("a", pool(), builder -> builder.scheduler(holding()));
    InvestigationId id = opened(a, "while-recorded");
    Connection recorder = side.getConnection();
    CompletableFuture<Investigation> reported;
    try {
      recorder.setAutoCommit(false);
      try (PreparedStatement lock =
              recorder.prepareStatement("LOCK TABLE parry_control_changes IN EXCLUSIVE MODE");
          PreparedStatement insert =
              recorder.prepareStatement(
                  "INSERT INTO parry_control_changes (sequence, kind, principal, at_s, at_n,"
                      + " reason) SELECT coalesce(max(sequence), 0) + 1, 'PAUSE',"
                      + " 'analyst@contoso.com', 1800000000, 0, 'bad rule'"
                      + " FROM parry_control_changes")) {
        lock.execute();
        insert.executeUpdate(); // a kill switch recorded as JdbcControlStore records one, not yet
        // committed
      }
      reported =
          CompletableFuture.supplyAsync(
              () -> a.reportEvidence(id, malicious(workstation("while-recorded"))));
      awaitBlocked(side, "WITH claim");
    } finally {
      recorder.commit();
      recorder.close();
    }
    ActionRecord planned = reported.get(20, TimeUnit.SECONDS).actions().get(0);
    assertEquals(ActionStatus.PENDING_APPROVAL, planned.status(), "planned past the kill switch");
    assertTrue(planned.reason().contains("kill switch"), planned.reason());
  }
}
