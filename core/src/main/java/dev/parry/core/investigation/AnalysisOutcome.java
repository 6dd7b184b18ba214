package dev.parry.core.investigation;

/**
 * How the analysis part of an investigation ended, reported with {@link Command.FinishAnalysis}.
 */
public enum AnalysisOutcome {
  /** Every piece of evidence was examined. */
  COMPLETED,
  /** Some evidence could not be examined (a device went offline, for example). */
  PARTIAL,
  /** The analysis itself failed. */
  FAILED,
  /** The alert's type is not one automated investigation handles. */
  UNSUPPORTED_ALERT_TYPE
}
