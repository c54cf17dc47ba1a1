import { AppError, validationFailed } from '../../http/errors.ts';
import { DEFAULT_LIMITS } from '../ocr/limits.ts';
import type { SniffedType } from './file-type.ts';

/** The OCR's bound (ocr/limits.ts). A PNG declaring more pixels is a decompression bomb,
 * refused as its header streams past; every type is measured again once stored
 * (page-limits.ts, upload.ts measureStored). */
export const MAX_IMAGE_PIXELS = DEFAULT_LIMITS.maxPagePixels;
/** PDF names that run code or lock the content. Plain byte search: a name hidden inside a
 * compressed object stream escapes it, which is why PDFs are never executed here (mupdf
 * rasterises them without JavaScript) and reach browsers only as rendered page images. */
// `/JS` alone is too short to tell from compressed bytes; a JavaScript action also carries
// `/S /JavaScript`, which is not.
const PDF_ACTIVE = /\/(JavaScript|Launch|EmbeddedFile|RichMedia)[\s/(<[\]>]/;
const PDF_ENCRYPT = /\/Encrypt[\s/<[\d]/;
const OVERLAP = 32;

/**
 * Looks at every byte of an upload as it streams past (nothing is buffered beyond a small
 * window) and names what makes a scan unacceptable even though its type sniffed right:
 * encrypted or active PDFs, image dimensions of a decompression bomb, and data appended
 * after the end of the file (polyglots: a valid image or PDF carrying another format).
 */
export class ContentInspector {
  private window = '';
  private head = Buffer.alloc(0);
  private encrypted = false;
  private active: string | null = null;

  feed(chunk: Buffer): void {
    if (this.head.length < 32)
      this.head = Buffer.concat([this.head, chunk.subarray(0, 32)]).subarray(0, 32);
    if (this.encrypted && this.active) return;
    const text = this.window + chunk.toString('latin1');
    if (!this.encrypted && PDF_ENCRYPT.test(text)) this.encrypted = true;
    if (!this.active) this.active = PDF_ACTIVE.exec(text)?.[1] ?? null;
    this.window = text.slice(-OVERLAP);
  }

  /** The refusal for this file, or null when it may be kept. `tail` is its last bytes. */
  verdict(type: SniffedType, tail: Buffer, name: string): AppError | null {
    if (type.mimeType === 'application/pdf') {
      if (this.encrypted) {
        return validationFailed(
          `Berkas "${name}" adalah PDF terkunci (terenkripsi/berkata sandi). Buka kuncinya atau pindai ulang, lalu unggah kembali.`,
        );
      }
      if (this.active) {
        return validationFailed(
          `Berkas "${name}" berisi JavaScript, lampiran tersemat, atau perintah otomatis (${this.active}) yang tidak diterima. Cetak ulang ke PDF biasa atau pindai suratnya.`,
        );
      }
      if (!endsAfter(tail, '%%EOF')) return trailing(name);
    }
    if (type.mimeType === 'image/png') {
      if (this.head.length >= 24 && this.head.subarray(12, 16).toString('latin1') === 'IHDR') {
        const pixels = this.head.readUInt32BE(16) * this.head.readUInt32BE(20);
        if (pixels > MAX_IMAGE_PIXELS) return bomb(name, pixels);
      }
      // A PNG ends with its IEND chunk and CRC: nothing may follow.
      if (!tail.subarray(-8).equals(Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])))
        return trailing(name);
    }
    return null;
  }
}

/** True when only line ends, spaces or NULs follow the last `marker`. */
function endsAfter(tail: Buffer, marker: string): boolean {
  const text = tail.toString('latin1');
  const at = text.lastIndexOf(marker);
  return at >= 0 && /^[\s\0]*$/.test(text.slice(at + marker.length));
}

function trailing(name: string): AppError {
  return validationFailed(
    `Berkas "${name}" berisi data tambahan setelah akhir berkasnya (berkas gabungan). Simpan ulang atau pindai ulang berkas tersebut.`,
  );
}

function bomb(name: string, pixels: number): AppError {
  return new AppError(
    422,
    'VALIDATION_FAILED',
    `Gambar "${name}" berukuran ${new Intl.NumberFormat('id-ID').format(pixels)} piksel, melebihi batas ${new Intl.NumberFormat('id-ID').format(MAX_IMAGE_PIXELS)} piksel. Pindai ulang dengan resolusi 300 dpi.`,
  );
}
