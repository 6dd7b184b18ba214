package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.spi.store.Page;
import dev.parry.spi.store.SortKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The in-memory store's sorted indexes at the edges of time: before 1970, a nanosecond apart")
class InMemoryIndexEdgesTest {

  /** Seconds before, at and after the epoch, and today; each with nanoseconds at their ends. */
  static final List<Instant> TIMES = times();

  static List<Instant> times() {
    List<Instant> out = new ArrayList<>();
    for (long second : new long[] {-31_536_000L, -1, 0, 1_700_000_000L}) {
      for (int nano : new int[] {0, 1, 999_999_999}) {
        out.add(Instant.ofEpochSecond(second, nano));
      }
    }
    return out;
  }

  final InMemoryInvestigationStore store = InMemoryInvestigationStore.create();
  final List<ActionRecord> actions = new ArrayList<>();

  /**
   * Two investigations at each time, each with two actions proposed at its opening; the first
   * action of every other investigation approved, so that it leaves the pending index.
   */
  @BeforeEach
  void fill() {
    int n = 0;
    for (Instant at : TIMES) {
      for (String name : new String[] {"inv-b", "inv-a"}) {
        n++;
        Decision.Accepted opened =
            Investigation.open(
                InvestigationId.of(name + n % 3 + "-" + n),
                AlertId.of("alert-" + n),
                AutomationLevel.FULL,
                Investigation.DEFAULT_PENDING_EXPIRY,
                Actor.system(),
                at);
        Investigation state = opened.after();
        store.append(state.id(), 0, opened.events(), state);
        for (int device = 0; device < 2; device++) {
          state = append(state, propose(n * 2 + device), at);
        }
        if (n % 2 == 0) {
          state =
              append(
                  state,
                  new Command.Approve(
                      state.actions().get(0).id(), PrincipalName.of("alice@contoso.com"), ""),
                  at);
        }
        actions.addAll(state.actions());
      }
    }
  }

  private Investigation append(Investigation state, Command command, Instant at) {
    Decision.Accepted accepted = (Decision.Accepted) state.decide(command, at);
    store.append(state.id(), state.version(), accepted.events(), accepted.after());
    return accepted.after();
  }

  private static Command propose(int device) {
    return new Command.ProposeAction(
        new Command.Proposal(
            new PlannedAction(
                new IsolateDevice(
                    Device.of(DeviceId.of("d" + device), DeviceName.of("ws")), IsolationType.FULL),
                ApprovalMode.REQUIRES_APPROVAL,
                "edge"),
            ApprovalRule.SINGLE),
        Actor.system());
  }

  /** The times of the edges and a nanosecond either side of each. */
  static List<Instant> bounds() {
    List<Instant> out = new ArrayList<>();
    for (Instant at : TIMES) {
      out.add(at.minusNanos(1));
      out.add(at);
      out.add(at.plusNanos(1));
    }
    return out;
  }

  /** What the query must answer: the matching actions in sort key order, every page together. */
  private List<ActionRecord> expected(ActionQuery query) {
    List<ActionRecord> out = new ArrayList<>();
    for (ActionRecord action : actions) {
      if (query.matches(action)) {
        out.add(action);
      }
    }
    out.sort(Comparator.comparing(SortKey::of));
    if (query.newestFirst()) {
      Collections.reverse(out);
    }
    return out;
  }

  /** Every page of {@code query}, joined, checking each page's size on the way. */
  private static List<ActionRecord> pages(InvestigationStore store, ActionQuery query) {
    List<ActionRecord> all = new ArrayList<>();
    ActionQuery next = query;
    while (true) {
      Page<ActionRecord> page = store.queryActions(next);
      all.addAll(page.items());
      if (page.nextCursor() == null) {
        assertTrue(page.items().size() <= query.limit(), query.toString());
        return all;
      }
      assertEquals(query.limit(), page.items().size(), "a page with a next one is full");
      next = next.after(page.nextCursor());
    }
  }

  @Test
  @DisplayName(
      "pending, history and all, paged both ways, bounded at every edge and a nanosecond either"
          + " side: the matching actions in order, each once")
  void pagesAtEveryEdge() {
    List<Instant> bounds = bounds();
    long seed = System.nanoTime();
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    int checked = 0;
    for (int q = 0; q < 600; q++) {
      ActionQuery.Builder query =
          switch (q % 3) {
            case 0 -> ActionQuery.pending();
            case 1 -> ActionQuery.history();
            default -> ActionQuery.all();
          };
      @Nullable Instant from =
          random.nextInt(4) == 0 ? null : bounds.get(random.nextInt(bounds.size()));
      @Nullable Instant to =
          random.nextInt(4) == 0 ? null : bounds.get(random.nextInt(bounds.size()));
      if (from != null && to != null && to.isBefore(from)) {
        Instant earlier = to;
        to = from;
        from = earlier;
      }
      query.proposedFrom(from).proposedTo(to);
      if (random.nextInt(5) == 0) {
        query.investigation(actions.get(random.nextInt(actions.size())).id().investigation());
      } else if (random.nextInt(5) == 0) {
        query.entity(actions.get(random.nextInt(actions.size())).action().target().key());
      }
      ActionQuery built =
          query.newestFirst(random.nextBoolean()).limit(1 + random.nextInt(4)).build();
      List<ActionRecord> expected = expected(built);
      checked += expected.size();
      assertEquals(expected, pages(store, built), () -> "seed " + seed + ": " + built);
    }
    assertTrue(checked > 0, "some queries matched actions");
  }

  @Test
  @DisplayName(
      "a pending action is due at exactly its expiry and not a nanosecond before; an approved one"
          + " from its proposal")
  void dueAtExactlyItsTime() {
    for (ActionRecord action : actions) {
      Instant due = action.obligation().orElseThrow().due();
      assertTrue(dueIds(store, due).contains(action), () -> action.id() + " is due at " + due);
      assertFalse(
          dueIds(store, due.minusNanos(1)).contains(action),
          () -> action.id() + " is not due a nanosecond before " + due);
    }
  }

  @Test
  @DisplayName(
      "the due actions at every edge, paged one at a time: earliest due first, each once, as a"
          + " model orders them")
  void duePagedInOrder() {
    for (Instant now : bounds()) {
      List<ActionRecord> expected = new ArrayList<>();
      for (ActionRecord action : actions) {
        if (!action.obligation().orElseThrow().due().isAfter(now)) {
          expected.add(action);
        }
      }
      expected.sort(
          Comparator.comparing(
              (ActionRecord action) ->
                  new SortKey(
                      action.obligation().orElseThrow().due(),
                      action.id().investigation().value(),
                      action.id().sequence())));
      List<ActionRecord> paged = new ArrayList<>();
      @Nullable ActionRecord after = null;
      while (true) {
        List<ActionRecord> page = store.due(now, "owner", after, 1);
        if (page.isEmpty()) {
          break;
        }
        paged.addAll(page);
        after = page.get(0);
      }
      assertEquals(expected, paged, "due at " + now);
    }
  }

  private static List<ActionRecord> dueIds(InvestigationStore store, Instant now) {
    return store.due(now, "owner", InvestigationStore.MAX_DUE);
  }
}
