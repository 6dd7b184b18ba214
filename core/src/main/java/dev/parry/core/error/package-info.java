/**
 * Parry's errors: one root, {@link dev.parry.core.error.ParryException}, and one subtype per thing
 * a caller can do about it, so that a service maps every error Parry throws without knowing Parry's
 * internals.
 *
 * <table>
 *   <caption>The categories and the HTTP status a service would answer</caption>
 *   <tr><th>Type</th><th>{@link dev.parry.core.error.ParryException.Category}</th><th>HTTP</th></tr>
 *   <tr><td>{@link dev.parry.core.error.InvalidInputException}</td><td>INVALID_INPUT</td><td>400</td></tr>
 *   <tr><td>{@link dev.parry.core.error.PermissionDeniedException}</td><td>ACCESS_DENIED</td><td>403</td></tr>
 *   <tr><td>{@link dev.parry.core.error.NotFoundException}</td><td>NOT_FOUND</td><td>404</td></tr>
 *   <tr><td>{@link dev.parry.core.error.ConflictException}</td><td>CONFLICT</td><td>409</td></tr>
 *   <tr><td>{@link dev.parry.core.error.UnavailableException}</td><td>UNAVAILABLE</td><td>503</td></tr>
 *   <tr><td>{@link dev.parry.core.error.InternalErrorException}</td><td>INTERNAL</td><td>500</td></tr>
 * </table>
 */
@NullMarked
package dev.parry.core.error;

import org.jspecify.annotations.NullMarked;
