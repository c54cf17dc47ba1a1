import QRCode from 'qrcode';
import { rgb, type PDFPage } from 'pdf-lib';

/** Draws a QR code as vector squares: sharp at any zoom or print size, and deterministic
 * (the same text always gives the same bytes, which keeps re-rendering idempotent). */
export function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const quiet = 2;
  const cell = size / (count + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < count; row++) {
    // Merge horizontal runs of dark modules into one rectangle: far fewer operators.
    let start = -1;
    for (let col = 0; col <= count; col++) {
      const dark = col < count && qr.modules.get(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        page.drawRectangle({
          x: x + (quiet + start) * cell,
          y: y + size - (quiet + row + 1) * cell,
          width: (col - start) * cell,
          height: cell,
          color: rgb(0, 0, 0),
        });
        start = -1;
      }
    }
  }
}
