package dev.parry.bench;

import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.AutomationContext;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.policy.RemediationPolicy;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The pure core: a policy decision, one state-machine step, one action's life cycle. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoreBenchmark {

  private final RemediationPolicy policy = RemediationPolicy.standard();
  private Evidence evidence;
  private AutomationContext context;
  private Investigation tenPending;
  private Command[] approvals;
  private Investigation tenSettled;
  private int next;

  @Setup
  public void setUp() {
    evidence = Evidence.of(Fixtures.FILE, Verdict.MALICIOUS, "Trojan", Fixtures.NOW);
    context = AutomationContext.of(AutomationLevel.SEMI_CORE_FOLDERS);
    tenPending = Fixtures.investigation("bench", 10, 10);
    approvals = new Command[10];
    for (int i = 0; i < 10; i++) {
      approvals[i] =
          new Command.Approve(
              new ActionId(tenPending.id(), i + 1), PrincipalName.of("alice@contoso.com"), "");
    }
    tenSettled = Fixtures.investigation("settled", 10, 0);
  }

  /** Evidence plus context to planned actions. */
  @Benchmark
  public RemediationPlan policyDecision() {
    return policy.plan(evidence, context);
  }

  /** One command decided and applied to an investigation holding 10 actions. */
  @Benchmark
  public Decision stateMachineStep() {
    next = (next + 1) % 10;
    return tenPending.decide(approvals[next], Fixtures.NOW);
  }

  /**
   * One action's whole life: proposed (pending), approved, started, succeeded, on an investigation
   * of 10.
   */
  @Benchmark
  public Investigation actionLifeCycle() {
    Investigation state =
        ((Decision.Accepted)
                tenSettled.decide(
                    Fixtures.propose(99, ApprovalMode.REQUIRES_APPROVAL), Fixtures.NOW))
            .after();
    ActionId id = new ActionId(state.id(), 11);
    state =
        ((Decision.Accepted)
                state.decide(
                    new Command.Approve(id, PrincipalName.of("alice@contoso.com"), ""),
                    Fixtures.NOW))
            .after();
    state = ((Decision.Accepted) state.decide(new Command.Start(id), Fixtures.NOW)).after();
    return ((Decision.Accepted) state.decide(new Command.Succeed(id, ""), Fixtures.NOW)).after();
  }
}
