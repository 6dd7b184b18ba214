package dev.parry.spi.store;

/**
 * Where an {@link InMemoryInvestigationStore} with bounded retention hands each settled
 * investigation before it forgets it: to archive it, for instance. The store evicts an
 * investigation only once the sink accepted it (returned normally); if the sink throws, nothing is
 * evicted, the failure is logged (once, until the sink accepts again) and counted ({@link
 * InMemoryInvestigationStore#sinkFailures()}), and the store offers the same investigation again at
 * its next eviction.
 *
 * <p>The sink is called on the thread that appends to the store or reads its due work, while the
 * store holds the investigation's lock, so that no append to it slips in between: it should be
 * quick (queue the work if archiving is slow), may read the store, and must not append to it. It is
 * called by one thread at a time, each investigation once unless it threw.
 *
 * <pre>{@code
 * InMemoryInvestigationStore store =
 *     InMemoryInvestigationStore.builder()
 *         .retainFor(Duration.ofDays(30))
 *         .sink(evicted -> archive.offer(evicted))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface RetentionSink {

  /**
   * Receives an investigation the store is about to evict.
   *
   * @param evicted the investigation's final state and audit chain
   * @throws RuntimeException to refuse it: the store keeps it and offers it again later
   */
  void accept(EvictedInvestigation evicted);
}
