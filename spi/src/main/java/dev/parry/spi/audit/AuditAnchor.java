package dev.parry.spi.audit;

import dev.parry.core.investigation.InvestigationId;
import java.util.Optional;

/**
 * Keeps each investigation's audit chain head where whoever can write the store cannot rewrite it:
 * a write-once log, another service's database under other credentials, a transparency log, a
 * signed ticket. A stored chain holds together by itself even when its tail was cut off or every
 * record was rewritten with its hash; checked against the anchored head ({@link
 * AuditTrail#verify(java.util.List, ChainHead)}), neither goes unseen. A service implements it; the
 * rules it must keep are ANCHOR-1 to ANCHOR-4 of {@code spi/SPEC.md}, checked by the test kit's
 * {@code AuditAnchorContract}.
 *
 * <p>The runtime calls {@link #anchor} on the thread that appended, after each append it makes and
 * before anything reacts to the new events, with the head the store answered: keep it quick, or
 * queue the head and return. A call that throws fails nothing: the events are stored and the
 * operation succeeds (failing it would invite a retry that doubles an action). The runtime logs the
 * failure, keeps the newest head of each investigation whose anchoring failed, and offers it again
 * on every reconciler pass until the anchor takes it or a later append's head, which vouches for
 * every record before it, supersedes it.
 *
 * <pre>{@code
 * ParryRuntime parry = ParryRuntime.builder()
 *     .store(JdbcInvestigationStore.create(dataSource))
 *     .auditAnchor(new AuditAnchor() {
 *       public void anchor(InvestigationId id, ChainHead head) {
 *         ledger.putIfHigher(id.value(), head.version(), head.hash().value());   // another system, other credentials
 *       }
 *
 *       public Optional<ChainHead> head(InvestigationId id) {
 *         return ledger.get(id.value()).map(e -> ChainHead.of(e.version(), ChainHash.of(e.hash())));
 *       }
 *     })
 *     ...
 *     .build();
 * Verification check = parry.verifyAuditTrail(id, auditor);   // reads the anchored head, then the stored chain
 * }</pre>
 */
public interface AuditAnchor {

  /**
   * Keeps {@code head} as the anchored head of {@code id}, unless the anchor holds one of the same
   * or a later version already: a head that arrives late (two runtimes appending one after the
   * other) never replaces a later one, and the hash kept for a version is never replaced. Must be
   * safe for concurrent use, and atomic per investigation: of concurrent calls, the highest version
   * stays.
   *
   * @param id the investigation
   * @param head its chain head after an append
   * @throws RuntimeException if the head could not be kept; the runtime offers it again later
   */
  void anchor(InvestigationId id, ChainHead head);

  /**
   * {@return the head anchored for {@code id}: the one of the highest version it was given, or
   * empty if it was given none}
   *
   * @param id the investigation
   * @throws RuntimeException if the anchor cannot be read; verification then fails with it
   */
  Optional<ChainHead> head(InvestigationId id);
}
