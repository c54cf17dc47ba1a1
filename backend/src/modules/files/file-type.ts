/** What we accept as a scan, recognised from the bytes themselves: the name and the
 * Content-Type the browser sent are never trusted (design.md §5). */
export interface SniffedType {
  mimeType: 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';
  ext: 'pdf' | 'jpg' | 'png' | 'tif';
}

/** Bytes needed from the start of a file to recognise it. */
export const SNIFF_BYTES = 8;
/** Bytes kept from the end of a file to see that it was not cut short. */
export const TAIL_BYTES = 1024;

export function sniffType(head: Buffer): SniffedType | null {
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-')
    return { mimeType: 'application/pdf', ext: 'pdf' };
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { mimeType: 'image/jpeg', ext: 'jpg' };
  if (
    head.length >= 8 &&
    head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return { mimeType: 'image/png', ext: 'png' };
  }
  if (head.length >= 4) {
    const sig = head.subarray(0, 4).toString('latin1');
    if (sig === 'II*\u0000' || sig === 'MM\u0000*') return { mimeType: 'image/tiff', ext: 'tif' };
  }
  return null;
}

/** True when the end of the file looks like the end of a complete file of that type. A
 * scan cut off in transfer fails here instead of failing later at OCR or printing. TIFF
 * has no end marker (its directory may sit anywhere), so it is checked when rendered. */
export function looksComplete(type: SniffedType, tail: Buffer): boolean {
  switch (type.mimeType) {
    case 'application/pdf':
      return tail.toString('latin1').includes('%%EOF');
    case 'image/jpeg': {
      // Some scanners pad after the End Of Image marker; ignore trailing zero bytes.
      let end = tail.length;
      while (
        end > 0 &&
        (tail[end - 1] === 0x00 || tail[end - 1] === 0x0a || tail[end - 1] === 0x0d)
      )
        end--;
      return end >= 2 && tail[end - 2] === 0xff && tail[end - 1] === 0xd9;
    }
    case 'image/png':
      return tail.includes(Buffer.from('IEND', 'latin1'));
    case 'image/tiff':
      return true;
  }
}

export const ACCEPTED_DESCRIPTION = 'PDF, JPEG, PNG, atau TIFF';

/** A name safe to show and to put in Content-Disposition: no folders, no control or
 * reserved characters, bounded length. Never used to build storage keys. */
export function safeFileName(raw: string | undefined, fallbackExt: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // Control characters (code points below 32 and 127) and characters reserved on Windows.
    .replace(/[\p{Cc}"<>:|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 150);
  return cleaned === '' ? `berkas.${fallbackExt}` : cleaned;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
