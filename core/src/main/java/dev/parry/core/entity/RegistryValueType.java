package dev.parry.core.entity;

/**
 * The type of a registry value, as Windows defines it ({@code REG_SZ} and the others) and Defender
 * reports it ({@code registryValueType}).
 */
public enum RegistryValueType {
  /** {@code REG_NONE}. */
  NONE,
  /** {@code REG_SZ}: a string. */
  STRING,
  /** {@code REG_EXPAND_SZ}: a string with environment variables. */
  EXPAND_STRING,
  /** {@code REG_MULTI_SZ}: a list of strings. */
  MULTI_STRING,
  /** {@code REG_BINARY}: bytes (data as hexadecimal digits). */
  BINARY,
  /** {@code REG_DWORD}: a 32-bit number. */
  DWORD,
  /** {@code REG_DWORD_BIG_ENDIAN}. */
  DWORD_BIG_ENDIAN,
  /** {@code REG_QWORD}: a 64-bit number. */
  QWORD,
  /** {@code REG_LINK}: a symbolic link. */
  LINK,
  /** A type the backend did not report or Parry does not know. */
  UNKNOWN
}
