/**
 * Text that must stay on one line wherever it goes: a calendar's name and an event's summary or
 * place, a download's file name, later an e-mail's headers and a feed's titles. Line breaks of
 * every kind (CR, LF, the Unicode line and paragraph separators, NEL) and other control characters
 * become a space, so that no text typed into a field can start a line of its own in the output.
 */
export function singleLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

/** Multi-line text (a calendar entry's description): its lines kept, every break a plain newline, other controls gone. */
export function plainLines(text: string): string {
  return text
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]+/g, ' ');
}
