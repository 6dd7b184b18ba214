package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionStatus;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.runtime.ParryRuntime;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Adversarial: on a pool whose transactions are REPEATABLE READ with auto-commit off, the fenced
 * append's transaction first reads the chain hash (when this runtime did not write the event it
 * follows): the fence is then checked on the snapshot of that read, and a pause committed before
 * the append's statement was even sent does not refuse it.
 */
class AdversaryFenceSnapshotTest extends FenceScenarios {

  private static Object call(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** {@code real}, where {@code hook} runs once just before a statement starting {@code start}. */
  private static DataSource hooked(DataSource real, String start, AtomicReference<Runnable> hook) {
    return (DataSource)
        Proxy.newProxyInstance(
            AdversaryFenceSnapshotTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = call(real, method, args);
              if (!method.getName().equals("getConnection")) {
                return result;
              }
              Connection connection = (Connection) result;
              return Proxy.newProxyInstance(
                  AdversaryFenceSnapshotTest.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (cp, cm, cargs) -> {
                    Object made = call(connection, cm, cargs);
                    if (!cm.getName().equals("prepareStatement")
                        || !(cargs[0] instanceof String sql)
                        || !sql.startsWith(start)) {
                      return made;
                    }
                    PreparedStatement statement = (PreparedStatement) made;
                    return Proxy.newProxyInstance(
                        AdversaryFenceSnapshotTest.class.getClassLoader(),
                        new Class<?>[] {PreparedStatement.class},
                        (sp, sm, sargs) -> {
                          if (sm.getName().startsWith("execute")) {
                            Runnable once = hook.getAndSet(null);
                            if (once != null) {
                              once.run();
                            }
                          }
                          return call(statement, sm, sargs);
                        });
                  });
            });
  }

  private ActionRecord plannedWithPauseJustBeforeTheAppend(String isolation, String name) {
    AtomicReference<Runnable> hook = new AtomicReference<>();
    ParryRuntime a =
        runtime(
            "a",
            hooked(autoCommitOff(isolation), PLAN_APPEND, hook),
            builder -> builder.scheduler(holding()));
    ParryRuntime b = bystander(builder -> {});
    InvestigationId id = opened(b, name); // a did not write the event its append follows
    hook.set(() -> b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "kill switch"));
    Investigation after = a.reportEvidence(id, malicious(workstation(name)));
    assertEquals(null, hook.get(), "the pause was recorded before the append's statement");
    return after.actions().get(0);
  }

  @Test
  @DisplayName(
      "READ COMMITTED, auto-commit off (control): a pause committed just before the plan's append"
          + " statement is sent holds for that plan")
  void readCommittedSeesThePause() {
    ActionRecord planned =
        plannedWithPauseJustBeforeTheAppend("TRANSACTION_READ_COMMITTED", "rc-snapshot");
    assertEquals(ActionStatus.PENDING_APPROVAL, planned.status(), planned.toString());
  }

  @Test
  @DisplayName(
      "REPEATABLE READ, auto-commit off: a pause committed just before the plan's append statement"
          + " is sent holds for that plan")
  void repeatableReadSeesThePause() {
    ActionRecord planned =
        plannedWithPauseJustBeforeTheAppend("TRANSACTION_REPEATABLE_READ", "rr-snapshot");
    assertEquals(
        ActionStatus.PENDING_APPROVAL,
        planned.status(),
        "planned automatic although the kill switch committed before its append was sent: "
            + planned);
  }

  @Test
  @DisplayName(
      "REPEATABLE READ, auto-commit off: a kill switch committed just before the dispatch's start"
          + " statement is sent holds the action: nothing is sent")
  void repeatableReadDispatchSeesThePause() {
    dispatchWithPauseJustBeforeTheStart("TRANSACTION_REPEATABLE_READ", "rr-dispatch");
  }

  @Test
  @DisplayName(
      "READ COMMITTED, auto-commit off (control): a kill switch committed just before the"
          + " dispatch's start statement is sent holds the action: nothing is sent")
  void readCommittedDispatchSeesThePause() {
    dispatchWithPauseJustBeforeTheStart("TRANSACTION_READ_COMMITTED", "rc-dispatch");
  }

  private void dispatchWithPauseJustBeforeTheStart(String isolation, String name) {
    ParryRuntime b = bystander(builder -> {});
    InvestigationId id = opened(b, name);
    Investigation planned = b.reportEvidence(id, malicious(workstation(name)));
    assertEquals(ActionStatus.APPROVED, planned.actions().get(0).status(), "planned automatic");
    AtomicReference<Runnable> hook = new AtomicReference<>();
    hook.set(() -> b.pauseAutomation(SharedStoreScenarios.ANALYST, null, "kill switch"));
    ParryRuntime a =
        runtime(
            "a",
            hooked(autoCommitOff(isolation), DISPATCH_APPEND, hook),
            builder -> builder.reconcileEvery(Duration.ofMillis(200)));
    SharedStoreScenarios.await(
        "a dispatched or held the action",
        () ->
            hook.get() == null
                    && only(a, id).status() != ActionStatus.APPROVED
                    && only(a, id).status() != ActionStatus.IN_PROGRESS
                || !callsFor(id).isEmpty());
    assertEquals(
        List.of(),
        callsFor(id),
        "sent although the kill switch committed before its start was sent: " + only(a, id));
  }
}
