/**
 * The runtime that drives investigations: it plans with the policy, stores every decision before
 * acting, dispatches approved actions to executors with retries, polling, deadlines and limits, and
 * answers the action center's queries.
 */
@NullMarked
package dev.parry.runtime;

import org.jspecify.annotations.NullMarked;
