import { createHash } from 'node:crypto';
import { formatDateTimeId, type SignatureReport } from '../signing/verify-signature.ts';
import type { VerificationResult } from './verify.service.ts';

/**
 * The public verification page: plain HTML in Bahasa Indonesia, self-contained (inline
 * styles, which the CSP allows), readable on a phone that scanned the QR code. The upload
 * is an ordinary form POST and works without script. Its file control is a label styled as
 * a button over a visually hidden input (the browser's own control says "Choose File / No
 * file chosen" in the browser's language); CSS alone says whether a file is chosen
 * (`:valid` of the required input), and one small inline script, allowed by its hash in the
 * page's CSP (`pageCsp`), writes the chosen file's name.
 */
const escape = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `
  *{box-sizing:border-box}body{margin:0;font-family:Arial,Helvetica,sans-serif;background:#f3f5f8;color:#1d2733;line-height:1.5}
  header{background:#123c69;color:#fff;padding:16px 20px}header h1{margin:0;font-size:18px}header p{margin:2px 0 0;font-size:13px;opacity:.85}
  main{max-width:720px;margin:20px auto;padding:0 16px}
  .card{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:20px;margin-bottom:16px}
  .status{display:flex;gap:12px;align-items:center;font-size:18px;font-weight:bold;margin-bottom:12px}
  .badge{display:inline-block;width:36px;height:36px;border-radius:50%;color:#fff;text-align:center;line-height:36px;font-size:20px;flex:none}
  .ok .badge{background:#1b7f3b}.ok{color:#1b5e20}.bad .badge{background:#b3261e}.bad{color:#8c1d18}.info .badge{background:#5f6b7a}
  dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:0}dt{color:#5f6b7a}dd{margin:0;word-break:break-word}
  code{font-family:"DejaVu Sans Mono",monospace;font-size:12px;word-break:break-all}
  form{display:flex;flex-wrap:wrap;gap:10px;align-items:center}
  .file{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center;flex:1 1 240px;min-width:0;position:relative}
  .file input{position:absolute;left:0;top:0;width:1px;height:1px;opacity:0;overflow:hidden}
  .file label{display:inline-block;background:#fff;color:#123c69;border:1px solid #123c69;border-radius:6px;padding:9px 16px;font-size:15px;cursor:pointer}
  .file input:focus-visible+label{outline:3px solid #f0b429;outline-offset:2px}
  .file .chosen,.file .none{font-size:14px;color:#5f6b7a;min-width:0;overflow-wrap:anywhere}
  .file input:invalid~.chosen,.file input:valid~.none{display:none}
  button{background:#123c69;color:#fff;border:0;border-radius:6px;padding:10px 18px;font-size:15px;cursor:pointer}
  .muted{color:#5f6b7a;font-size:13px}ul.findings{margin:12px 0 0;padding-left:20px}ul.findings li{margin-bottom:4px}
  h2{margin-top:0;font-size:16px}footer{text-align:center;color:#5f6b7a;font-size:12px;padding:20px}
  @media (max-width:480px){dl{grid-template-columns:1fr}dt{font-weight:bold;color:#1d2733}}
`;

/** Writes the chosen file's name next to the "Pilih berkas PDF" button (progressive
 * enhancement: without it the CSS still says a file is chosen). */
const FILE_NAME_SCRIPT = `document.querySelectorAll('.file input[type=file]').forEach(function(i){i.addEventListener('change',function(){var o=i.parentNode.querySelector('.chosen');if(o)o.textContent=i.files&&i.files[0]?'Berkas dipilih: '+i.files[0].name:'Berkas sudah dipilih';});});`;
const FILE_NAME_SCRIPT_HASH = `'sha256-${createHash('sha256').update(FILE_NAME_SCRIPT).digest('base64')}'`;

/** The app's CSP (http/security-headers.ts) with this page's one inline script allowed by its
 * hash: nothing else inline may run. */
export function pageCsp(csp: string): string {
  return csp.replace(/script-src ([^;]*)/, `script-src $1 ${FILE_NAME_SCRIPT_HASH}`);
}

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><link rel="icon" type="image/svg+xml" href="/favicon.svg"><title>${escape(title)} · Lontar</title><style>${STYLE}</style></head>
<body><header><h1>Verifikasi Naskah Dinas</h1><p>Sekretariat Daerah Provinsi Lampung · Lontar</p></header>
<main>${content}</main><footer>Halaman ini memeriksa keaslian naskah dinas yang ditandatangani secara elektronik melalui Lontar.</footer>
${content.includes('class="file"') ? `<script>${FILE_NAME_SCRIPT}</script>` : ''}</body></html>`;
}

function details(result: VerificationResult): string {
  if (result.confidential) {
    return `<dl><dt>Nomor</dt><dd>${escape(result.number)}</dd><dt>Kode verifikasi</dt><dd>${escape(result.code)}</dd></dl>
<p class="muted">Surat ini berklasifikasi rahasia. Halaman ini hanya menegaskan bahwa surat yang sah dengan nomor tersebut ada; isi dan rinciannya tidak ditampilkan.</p>`;
  }
  const row = (label: string, value: string | null) =>
    value ? `<dt>${label}</dt><dd>${escape(value)}</dd>` : '';
  return `<dl>${row('Jenis naskah', result.kindLabel)}${row('Nomor', result.number)}${row('Tanggal', result.date)}${row('Hal', result.subject)}
${row('Penanda tangan', result.signerName)}${row('Jabatan', result.signerPosition)}${row('Kode verifikasi', result.code)}
${result.sha256 ? `<dt>Sidik dokumen (SHA-256)</dt><dd><code>${escape(result.sha256)}</code></dd>` : ''}</dl>`;
}

function uploadForm(result: VerificationResult): string {
  return `<div class="card"><h2>Periksa berkas PDF yang Anda terima</h2>
<p class="muted">Unggah berkas PDF surat (paling besar 20 MB). Tanda tangan elektroniknya diperiksa dan berkas dibandingkan dengan surat asli; berkas tidak disimpan.</p>
<form method="post" action="/v/${encodeURIComponent(result.code.replace('-', ''))}/check" enctype="multipart/form-data">
<div class="file"><input type="file" id="berkas" name="berkas" accept="application/pdf,.pdf" required aria-describedby="berkas-pilihan">
<label for="berkas">Pilih berkas PDF</label><span class="none">Belum ada berkas dipilih</span>
<span class="chosen" id="berkas-pilihan" aria-live="polite">Berkas sudah dipilih</span></div>
<button type="submit">Periksa berkas</button></form></div>`;
}

const CERTIFICATE_WORDS: Record<SignatureReport['certificateStatus'], string> = {
  valid: 'Berlaku pada waktu penandatanganan',
  revoked: 'Dicabut sebelum dokumen ditandatangani',
  unknown_issuer: 'Tidak diterbitkan oleh otoritas sertifikat yang dipercaya',
  expired: 'Sudah kedaluwarsa pada waktu penandatanganan',
  not_yet_valid: 'Belum berlaku pada waktu penandatanganan',
  none: 'Tidak ada',
};

/** "Dicap waktu oleh <TSA> pada 7 Desember 2026 pukul 09.05 WIB" (PAdES B-T), or null. */
export function timestampWords(signature: SignatureReport): string | null {
  if (!signature.timestamped || !signature.timestampedAt) return null;
  const by = signature.timestampAuthority ?? 'otoritas cap waktu (TSA)';
  return `Dicap waktu oleh ${by} pada ${formatDateTimeId(new Date(signature.timestampedAt))}`;
}

/** The embedded signature in words: a verdict, who/as what/when, then the findings. */
function signatureCard(signature: SignatureReport, title: string): string {
  let verdict: string;
  if (!signature.signed)
    verdict = `<div class="status info"><span class="badge">i</span>Tidak ada tanda tangan elektronik bersertifikat</div>`;
  else if (signature.valid)
    verdict = `<div class="status ok"><span class="badge">✓</span>Tanda tangan elektronik sah</div>`;
  else if (!signature.documentIntact)
    verdict = `<div class="status bad"><span class="badge">✗</span>Dokumen telah diubah setelah ditandatangani</div>`;
  else
    verdict = `<div class="status bad"><span class="badge">✗</span>Tanda tangan elektronik tidak sah</div>`;
  const row = (label: string, value: string | null) =>
    value ? `<dt>${label}</dt><dd>${escape(value)}</dd>` : '';
  const rows = signature.signed
    ? `<dl>${row('Ditandatangani oleh', signature.signerName)}${row('Jabatan', signature.signerPosition)}
${row('Waktu penandatanganan', signature.signedAt ? formatDateTimeId(new Date(signature.signedAt)) : null)}
${row('Keutuhan dokumen', signature.documentIntact ? 'Tidak berubah sejak ditandatangani' : 'Telah diubah setelah ditandatangani')}
${row('Sertifikat', CERTIFICATE_WORDS[signature.certificateStatus])}${row('Penerbit sertifikat', signature.issuerName)}
${row('Cap waktu', timestampWords(signature))}</dl>`
    : '';
  const findings = signature.findings.filter((f) => !f.startsWith('Tanda tangan elektronik sah:'));
  const list = findings.length
    ? `<ul class="findings">${findings.map((f) => `<li>${escape(f)}</li>`).join('')}</ul>`
    : '';
  return `<div class="card"><h2>${title}</h2>${verdict}${rows}${list}</div>`;
}

export function verifiedPage(result: VerificationResult, signature: SignatureReport): string {
  return layout(
    `Surat ${result.number}`,
    `<div class="card"><div class="status ok"><span class="badge">✓</span>Naskah dinas ini sah dan terdaftar</div>${details(result)}</div>
${signatureCard(signature, 'Tanda tangan elektronik pada surat asli')}${uploadForm(result)}`,
  );
}

export function comparisonPage(
  result: VerificationResult,
  upload: { sha256: string; name: string },
  matches: boolean,
  signature: SignatureReport,
): string {
  const verdict = matches
    ? `<div class="status ok"><span class="badge">✓</span>Berkas cocok dengan naskah dinas yang ditandatangani</div>
<p>Berkas <strong>${escape(upload.name)}</strong> identik dengan dokumen asli.</p>`
    : `<div class="status bad"><span class="badge">✗</span>Berkas TIDAK cocok dengan naskah dinas yang ditandatangani</div>
<p>Berkas <strong>${escape(upload.name)}</strong> berbeda dari dokumen asli: mungkin telah diubah, dicetak ulang, atau bukan surat ini. Mintalah salinan asli kepada pengirim.</p>`;
  return layout(
    matches ? 'Berkas cocok' : 'Berkas tidak cocok',
    `<div class="card">${verdict}<p class="muted">Sidik berkas yang diunggah: <code>${escape(upload.sha256)}</code></p></div>
${signatureCard(signature, 'Tanda tangan elektronik pada berkas yang diunggah')}
<div class="card"><div class="status info"><span class="badge">i</span>Data surat asli</div>${details(result)}</div>${uploadForm(result)}`,
  );
}

export function notFoundPage(): string {
  return layout(
    'Kode tidak dikenal',
    `<div class="card"><div class="status bad"><span class="badge">✗</span>Kode verifikasi tidak dikenal</div>
<p>Tidak ada naskah dinas yang ditandatangani dengan kode ini. Periksa kembali kode di bawah kode QR pada surat (8 karakter, misalnya K7QM-4XPD).</p></div>`,
  );
}

export function errorPage(message: string, result?: VerificationResult): string {
  return layout(
    'Pemeriksaan gagal',
    `<div class="card"><div class="status bad"><span class="badge">!</span>Pemeriksaan tidak dapat dilakukan</div><p>${escape(message)}</p></div>${result ? uploadForm(result) : ''}`,
  );
}
