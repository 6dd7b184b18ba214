package dev.parry.spi.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a stored value written at one format version of its type as the next version writes it: one
 * step of the path from what an earlier release stored to what this release reads ({@link
 * StoredType#upcaster}).
 *
 * <p>It works on the stored text as parsed, before anything is bound: members by their stored
 * names; values as {@code String}, {@code Long}, {@code Boolean}, {@code null}, lists and maps of
 * them. A value of a one-member type written bare (version 1 only) reaches it as a map of that one
 * member.
 *
 * <pre>{@code
 * // version 2 of "Note" stores "body" where version 1 stored "text"
 * StoredType note = StoredType.record(Note.class, "Note", "body").upcaster(members -> {
 *   Map<String, Object> next = new LinkedHashMap<>(members);
 *   next.put("body", next.remove("text"));
 *   return next;
 * });
 * }</pre>
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
@FunctionalInterface
public interface Upcaster {

  /**
   * {@return {@code members}, written at version n, as version n + 1 writes them}
   *
   * @param members the stored members, by stored name, without the {@code "@type"} and {@code
   *     "@version"} members; the map may be read, not changed
   * @throws IllegalArgumentException if the members cannot be read as the next version
   */
  Map<String, @Nullable Object> upcast(Map<String, @Nullable Object> members);
}
