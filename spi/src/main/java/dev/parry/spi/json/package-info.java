/**
 * The documented JSON form of Parry's results and of the request bodies a REST layer reads: what a
 * service that exposes Parry over HTTP writes and accepts. {@link dev.parry.spi.json.ParryJson}
 * writes and reads it; {@code parry.schema.json}, next to these classes in the jar, describes every
 * shape in JSON Schema (draft 2020-12).
 *
 * <p>Member names are chosen for API users and declared one by one, so a Java rename does not
 * change them. Instants and durations are ISO-8601 strings, enums their constant names, identifiers
 * their value, and each member of a family (entities, actions, events, actors) carries a
 * discriminator. This is the operator's own API: personal data (user principal names, mail
 * addresses, device names, command lines, comments) is written as it is, not redacted.
 */
@NullMarked
package dev.parry.spi.json;

import org.jspecify.annotations.NullMarked;
