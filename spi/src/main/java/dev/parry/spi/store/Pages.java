package dev.parry.spi.store;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.spi.internal.LogSafe;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Walks every page of an action query, fetching each page only when the one before is used up.
 *
 * <pre>{@code
 * long pending = Pages.stream(ActionQuery.pending().limit(ActionQuery.MAX_LIMIT).build(),
 *     query -> runtime.actions(query, analyst)).count();
 * }</pre>
 */
public final class Pages {

  private Pages() {}

  /**
   * {@return the actions matching {@code first} and every page after it, in order, fetched lazily
   * with {@code fetch}}: a stream that stops early (with {@code limit} or {@code findFirst}) reads
   * no page after the one it stopped in
   *
   * @param first the query of the first page (its {@code limit} is the page size)
   * @param fetch what answers one page: {@code store::queryActions}, or {@code query ->
   *     runtime.actions(query, caller)}
   * @throws InvalidInputException if {@code first} is null
   * @throws InvalidInputException if {@code fetch} is null
   * @throws IllegalStateException while the stream is used, if a page names as the next cursor one
   *     already read, its own or an earlier page's (a store that pages wrongly, which would be read
   *     forever)
   */
  public static Stream<ActionRecord> stream(
      ActionQuery first, Function<ActionQuery, Page<ActionRecord>> fetch) {
    Checks.notNull(first, "first");
    Checks.notNull(fetch, "fetch");
    Iterator<ActionRecord> all =
        new Iterator<>() {
          private @Nullable ActionQuery next = first;
          private Iterator<ActionRecord> page = Collections.emptyIterator();

          /** The cursors of the pages fetched: one a page, far fewer than the actions read. */
          private final Set<String> read = new HashSet<>();

          @Override
          public boolean hasNext() {
            while (!page.hasNext()) {
              ActionQuery query = next;
              if (query == null) {
                return false;
              }
              Page<ActionRecord> fetched = Checks.notNull(fetch.apply(query), "a page");
              String cursor = fetched.nextCursor();
              String asked = query.cursor();
              if (asked != null) {
                read.add(asked);
              }
              if (cursor != null && read.contains(cursor)) { // would fetch the same pages forever
                throw new IllegalStateException(
                    "the page after cursor "
                        + LogSafe.of(String.valueOf(asked))
                        + " named as the next one the cursor "
                        + LogSafe.of(cursor)
                        + ", already read: the store does not page correctly");
              }
              next = cursor == null ? null : query.after(cursor);
              page = fetched.items().iterator();
            }
            return true;
          }

          @Override
          public ActionRecord next() {
            if (!hasNext()) {
              throw new NoSuchElementException("no action after the last page");
            }
            return page.next();
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(all, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }
}
