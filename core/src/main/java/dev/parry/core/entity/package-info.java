/**
 * Entities an investigation gathers evidence about: the sealed {@link dev.parry.core.entity.Entity}
 * family, split into device, email and identity entities (one per executor SPI), and the validated
 * identifiers they are built from.
 *
 * <p><b>The identifier rule.</b> No identifier holds a <em>spoofing character</em>, one that can
 * make one name look like another or two names one: control characters (NUL, CR, LF, escape,
 * delete, next line), line and paragraph separators, format characters (the bidirectional controls
 * U+202A-202E, U+2066-2069, U+200E, U+200F and U+061C; the zero-width space U+200B; the joiners
 * U+200C, U+200D and U+2060; the byte-order mark U+FEFF; the soft hyphen; tag characters), spaces
 * other than the plain space (U+00A0, U+2007, U+202F, U+3000 and the like), half of a surrogate
 * pair without its other half, every other Unicode default-ignorable code point (the Hangul
 * fillers, variation selectors, the combining grapheme joiner, the Mongolian vowel separator) and
 * noncharacters. Such a value is refused with an {@link dev.parry.core.error.InvalidInputException}
 * that names the field, the code point and its index, and shows the value with the character
 * escaped (a backslash, {@code u} and four hexadecimal digits). Letters, digits, combining marks,
 * punctuation and symbols of every script stay allowed, emoji included, so {@code résumé.docx},
 * {@code 文件.pdf} and {@code C:\Users\josé} are valid; so is the plain space where the identifier
 * allows spaces. An emoji sequence joined with U+200D is refused with the joiner. Names are not
 * normalized: {@code é} composed and decomposed are two file names, as they are on NTFS.
 */
@NullMarked
package dev.parry.core.entity;

import org.jspecify.annotations.NullMarked;
