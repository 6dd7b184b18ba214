package dev.parry.runtime.internal;

import dev.parry.core.investigation.InvestigationId;
import dev.parry.spi.audit.AuditAnchor;
import dev.parry.spi.audit.ChainHead;
import dev.parry.spi.internal.LogSafe;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the chain head of every append the runtime makes to the {@link AuditAnchor}, on the
 * appending thread, before anything reacts to the new events. A failure fails nothing: the events
 * are stored, and failing the operation would invite a retry that doubles an action. It is logged
 * (the first of a run at ERROR), and the newest head of each investigation whose anchoring failed
 * waits here, to be offered again on every reconciler pass ({@link #retry()}) until the anchor
 * takes it or a later head of the same investigation, which vouches for every record before it, is
 * anchored. What waits is kept in memory: a restart forgets it, and the investigation's next append
 * anchors it again.
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class Anchoring {

  private static final Logger LOG = LoggerFactory.getLogger(Anchoring.class);

  /**
   * The most investigations whose heads wait for the anchor; past it, a failed head waits for its
   * next append.
   */
  static final int MAX_WAITING = 65_536;

  private final @Nullable AuditAnchor anchor;
  private final Map<InvestigationId, ChainHead> waiting = new ConcurrentHashMap<>();
  private final AtomicInteger failuresInARow = new AtomicInteger();

  private Anchoring(@Nullable AuditAnchor anchor) {
    this.anchor = anchor;
  }

  /**
   * {@return the part that anchors heads in {@code anchor}}
   *
   * @param anchor the anchor, or null for none: heads are then dropped and verification has no
   *     anchored head
   */
  public static Anchoring of(@Nullable AuditAnchor anchor) {
    return new Anchoring(anchor);
  }

  /** {@return whether there is an anchor to hand heads to} */
  public boolean anchored() {
    return anchor != null;
  }

  /**
   * Anchors the head an append answered; never throws but a {@link VirtualMachineError}.
   *
   * @param id the investigation
   * @param head its head after the append
   */
  public void anchor(InvestigationId id, ChainHead head) {
    if (anchor == null) {
      return;
    }
    if (offer(anchor, id, head)) {
      waiting.computeIfPresent(id, (key, held) -> held.version() <= head.version() ? null : held);
    } else if (waiting.size() < MAX_WAITING || waiting.containsKey(id)) {
      waiting.merge(
          id, head, (held, offered) -> held.version() >= offered.version() ? held : offered);
    }
  }

  /**
   * Offers every head that waits again, until the anchor fails one: it is down, and the next pass
   * tries again.
   */
  public void retry() {
    AuditAnchor target = anchor;
    if (target == null) {
      return;
    }
    for (InvestigationId id : List.copyOf(waiting.keySet())) {
      ChainHead head = waiting.get(id);
      if (head == null) {
        continue; // anchored by an append meanwhile
      }
      if (!offer(target, id, head)) {
        return;
      }
      waiting.remove(id, head);
    }
  }

  /** {@return how many investigations have a head the anchor has not taken yet} */
  public int waiting() {
    return waiting.size();
  }

  /**
   * {@return the head the anchor holds for {@code id}, or empty when there is no anchor or it holds
   * none}
   *
   * @param id the investigation
   * @throws RuntimeException what the anchor threw
   */
  public Optional<ChainHead> head(InvestigationId id) {
    AuditAnchor target = anchor;
    return target == null ? Optional.empty() : target.head(id);
  }

  /**
   * The one failure rule of the runtime's seams: a virtual machine error goes on; anything else is
   * logged and survived.
   */
  private boolean offer(AuditAnchor target, InvestigationId id, ChainHead head) {
    try {
      target.anchor(id, head);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError error) {
        throw error;
      }
      if (failuresInARow.incrementAndGet() == 1) {
        LOG.atError()
            .addKeyValue("investigationId", LogSafe.of(id))
            .addKeyValue("version", head.version())
            .log(
                "audit anchor failed ("
                    + e.getClass().getName()
                    + "); the head is offered again on the next pass");
      } else {
        LOG.atDebug()
            .addKeyValue("investigationId", LogSafe.of(id))
            .log("audit anchor failed again");
      }
      return false;
    }
    int failures = failuresInARow.getAndSet(0);
    if (failures > 0) {
      LOG.atInfo().addKeyValue("failures", failures).log("audit anchor recovered");
    }
    return true;
  }
}
