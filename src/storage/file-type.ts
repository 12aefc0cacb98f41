/** The file types the system accepts, recognised by content, never by name. */
export type AcceptedFileType = 'application/pdf' | 'image/jpeg' | 'image/png';

/**
 * The type of a file from its first bytes (magic numbers): PDF `%PDF-`,
 * JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`. Anything else, including
 * a text file renamed to .pdf, is null.
 *
 * @example
 * sniffFileType(Buffer.from('%PDF-1.7\n…')); // 'application/pdf'
 */
export function sniffFileType(head: Uint8Array): AcceptedFileType | null {
  const starts = (bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return null;
}

/** The usual extension of an accepted type, for download names. */
export const extensionOf: Record<AcceptedFileType, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
};
