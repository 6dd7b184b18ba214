/** Verdicts and evidence: what an investigation concluded about one entity. */
@NullMarked
package dev.parry.core.verdict;

import org.jspecify.annotations.NullMarked;
