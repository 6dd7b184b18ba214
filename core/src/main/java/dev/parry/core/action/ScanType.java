package dev.parry.core.action;

/** How thorough an antivirus scan is. */
public enum ScanType {
  /** Common malware locations only. */
  QUICK,
  /** Every file on the device. */
  FULL
}
