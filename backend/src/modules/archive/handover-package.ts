import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import yazl from 'yazl';
import { StoredFileModel, type StoredFile } from '../files/file.model.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { OutgoingLetterModel, type OutgoingLetter } from '../outgoing/outgoing.model.ts';
import { BerkasItemModel, type BerkasItem } from './berkas.model.ts';
import { beritaAcaraNumber } from './pdf/berita-acara.ts';
import { ITEM_TYPE_LABELS } from './pdf/lists.ts';
import type { Proposal } from './proposals.model.ts';
import { csvCell } from '../../lib/csv.ts';

/**
 * The export package of a handover (penyerahan): a zip the receiving archive can open
 * without Lontar.
 *
 *   BACA-SAYA.txt                   how the package is laid out
 *   berita-acara-penyerahan.pdf     the signed paperwork
 *   daftar-arsip-statis.pdf
 *   manifest.json / manifest.csv    every berkas, item and file with its SHA-256
 *   berkas/001-100.3.3.1/003-<nomor surat>/1-<nama berkas>.pdf
 *
 * Built as a stream straight into object storage (yazl → multipart upload): each file is
 * opened only when its turn comes, so memory stays flat however large the handover. The
 * manifests are written last, once every file's hash is known.
 */
export interface PackageResult {
  key: string;
  size: number;
  sha256: string;
  files: number;
}

interface PlannedFile {
  path: string;
  objectKey: string;
  name: string;
  mimeType: string;
  originalSha256: string;
  size?: number;
  sha256?: string;
}

interface PlannedItem {
  item: BerkasItem;
  number: number;
  files: PlannedFile[];
}

function slug(text: string, max = 60): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9.-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, max) || 'tanpa-nama'
  );
}

function pad(n: number): string {
  return String(n).padStart(3, '0');
}

async function filesOfItem(item: BerkasItem, folder: string): Promise<PlannedFile[]> {
  const ownerType = item.letterType === 'imported' ? 'import' : item.letterType;
  const stored = await StoredFileModel.find({ ownerType, ownerId: item.letterId })
    .sort({ createdAt: 1, _id: 1 })
    .lean<StoredFile[]>();
  const planned: PlannedFile[] = [];
  if (item.letterType === 'outgoing') {
    const letter = await OutgoingLetterModel.findById(item.letterId, {
      final: 1,
      number: 1,
    }).lean<OutgoingLetter>();
    if (letter?.final) {
      planned.push({
        path: `${folder}/${planned.length + 1}-${slug(letter.number ?? 'surat')}.pdf`,
        objectKey: letter.final.key,
        name: `${letter.number ?? 'surat'}.pdf`,
        mimeType: 'application/pdf',
        originalSha256: letter.final.sha256,
      });
    }
  }
  for (const file of stored) {
    // The searchable PDF (scan plus its text layer) serves a reader best; else the original.
    const useSearchable = !!file.searchableKey;
    const name = useSearchable ? file.name.replace(/\.[A-Za-z0-9]+$/, '') + '.pdf' : file.name;
    planned.push({
      path: `${folder}/${planned.length + 1}-${slug(name.replace(/\.[A-Za-z0-9]+$/, ''))}.${useSearchable ? 'pdf' : (file.name.split('.').pop() ?? 'bin').toLowerCase()}`,
      objectKey: useSearchable ? file.searchableKey! : file.key,
      name,
      mimeType: useSearchable ? 'application/pdf' : file.mimeType,
      originalSha256: file.sha256,
    });
  }
  return planned;
}

export async function buildHandoverPackage(
  storage: FileStorage,
  proposal: Proposal,
  documents: { beritaAcara: Buffer; list: Buffer },
): Promise<PackageResult> {
  const plan: Array<{ entry: Proposal['entries'][number]; number: number; items: PlannedItem[] }> =
    [];
  for (const [index, entry] of proposal.entries.entries()) {
    const items = await BerkasItemModel.find({ berkasId: entry.berkasId }).lean<BerkasItem[]>();
    items.sort(
      (a, b) =>
        (a.letterDate ?? '').localeCompare(b.letterDate ?? '') ||
        a.filedAt.getTime() - b.filedAt.getTime(),
    );
    const berkasFolder = `berkas/${pad(index + 1)}-${slug(entry.classificationCode)}`;
    const planned: PlannedItem[] = [];
    for (const [i, item] of items.entries()) {
      planned.push({
        item,
        number: i + 1,
        files: await filesOfItem(
          item,
          `${berkasFolder}/${pad(i + 1)}-${slug(item.letterNumber || item.subject, 40)}`,
        ),
      });
    }
    plan.push({ entry, number: index + 1, items: planned });
  }

  const zip = new yazl.ZipFile();
  const key = `archive/proposals/${String(proposal._id)}/paket-penyerahan.zip`;
  const hash = createHash('sha256');
  let size = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  }
  const upload = storage.putStream(key, counted(), 'application/zip');
  const mtime = proposal.executedAt ?? new Date();

  zip.addBuffer(Buffer.from(readme(proposal), 'utf8'), 'BACA-SAYA.txt', { mtime });
  zip.addBuffer(documents.beritaAcara, 'berita-acara-penyerahan.pdf', { mtime, compress: false });
  zip.addBuffer(documents.list, 'daftar-arsip-statis.pdf', { mtime, compress: false });
  let fileCount = 0;
  for (const berkas of plan) {
    for (const planned of berkas.items) {
      for (const file of planned.files) {
        fileCount++;
        zip.addReadStreamLazy(
          file.path,
          {
            mtime,
            compress: file.mimeType !== 'application/pdf' && !file.mimeType.startsWith('image/'),
          },
          (cb) => {
            const digest = createHash('sha256');
            let bytes = 0;
            const tap = new Transform({
              transform(chunk: Buffer, _encoding, done) {
                digest.update(chunk);
                bytes += chunk.length;
                done(null, chunk);
              },
              flush(done) {
                file.sha256 = digest.digest('hex');
                file.size = bytes;
                done();
              },
            });
            storage.get(file.objectKey).then(
              (stream) => {
                stream.on('error', (error) => tap.destroy(error));
                cb(null, stream.pipe(tap));
              },
              (error) => cb(error, undefined as never),
            );
          },
        );
      }
    }
  }
  // Lazy so they are produced after every file above has been read and hashed.
  zip.addReadStreamLazy('manifest.json', { mtime }, (cb) =>
    cb(
      null,
      Readable.from([Buffer.from(JSON.stringify(manifest(proposal, plan), null, 2), 'utf8')]),
    ),
  );
  zip.addReadStreamLazy('manifest.csv', { mtime }, (cb) =>
    cb(null, Readable.from([Buffer.from(manifestCsv(plan), 'utf8')])),
  );
  zip.end();
  await upload;
  return { key, size, sha256: hash.digest('hex'), files: fileCount };
}

function manifest(
  proposal: Proposal,
  plan: Array<{ entry: Proposal['entries'][number]; number: number; items: PlannedItem[] }>,
) {
  return {
    format: 'lontar-penyerahan-arsip-statis/1',
    dibuat: (proposal.executedAt ?? new Date()).toISOString(),
    beritaAcara: {
      nomor: beritaAcaraNumber(proposal),
      tanggal: proposal.executedOn,
      pihakPertama: 'Sekretariat Daerah Provinsi Lampung',
      pihakKedua: proposal.receiverName,
      berkas: 'berita-acara-penyerahan.pdf',
      daftar: 'daftar-arsip-statis.pdf',
    },
    berkas: plan.map(({ entry, number, items }) => ({
      nomorUrut: number,
      nomorBerkas: entry.label,
      unitPengolah: entry.unitName,
      kodeKlasifikasi: entry.classificationCode,
      uraian: entry.title,
      kurunWaktu: { mulai: entry.periodStart, akhir: entry.periodEnd },
      jumlahItem: entry.itemCount,
      klasifikasiKeamanan: entry.securityClass,
      retensi: entry.retention,
      item: items.map(({ item, number: itemNumber, files }) => ({
        nomorItem: itemNumber,
        jenis: ITEM_TYPE_LABELS[item.letterType] ?? item.letterType,
        nomorSurat: item.letterNumber,
        tanggalSurat: item.letterDate,
        pengirimAtauTujuan: item.party,
        perihal: item.subject,
        kodeKlasifikasi: item.classificationCode,
        klasifikasiKeamanan: item.securityClass,
        berkas: files.map((f) => ({
          path: f.path,
          namaAsli: f.name,
          jenis: f.mimeType,
          ukuran: f.size ?? null,
          sha256: f.sha256 ?? null,
          sha256Asli: f.originalSha256,
        })),
      })),
    })),
  };
}

function manifestCsv(
  plan: Array<{ entry: Proposal['entries'][number]; number: number; items: PlannedItem[] }>,
): string {
  const header = [
    'nomor_berkas',
    'kode_klasifikasi_berkas',
    'uraian_berkas',
    'unit_pengolah',
    'nomor_item',
    'jenis',
    'nomor_surat',
    'tanggal_surat',
    'pengirim_tujuan',
    'perihal',
    'kode_klasifikasi',
    'klasifikasi_keamanan',
    'path',
    'jenis_berkas',
    'ukuran',
    'sha256',
  ];
  const lines = [header.join(',')];
  for (const { entry, items } of plan) {
    for (const { item, number, files } of items) {
      const base = [
        entry.label,
        entry.classificationCode,
        entry.title,
        entry.unitName,
        number,
        ITEM_TYPE_LABELS[item.letterType] ?? item.letterType,
        item.letterNumber,
        item.letterDate,
        item.party,
        item.subject,
        item.classificationCode,
        item.securityClass,
      ];
      if (files.length === 0) lines.push([...base, '', '', '', ''].map(csvCell).join(','));
      for (const f of files)
        lines.push(
          [...base, f.path, f.mimeType, f.size ?? '', f.sha256 ?? ''].map(csvCell).join(','),
        );
    }
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

function readme(proposal: Proposal): string {
  return [
    'PAKET PENYERAHAN ARSIP STATIS',
    `Sekretariat Daerah Provinsi Lampung kepada ${proposal.receiverName}`,
    `Berita Acara Nomor ${beritaAcaraNumber(proposal)} tanggal ${proposal.executedOn}`,
    '',
    'Isi paket:',
    '- berita-acara-penyerahan.pdf : berita acara penyerahan',
    '- daftar-arsip-statis.pdf     : daftar arsip statis yang diserahkan',
    '- manifest.json               : metadata lengkap setiap berkas, item, dan berkas elektronik',
    '- manifest.csv                : metadata yang sama dalam bentuk tabel (satu baris per berkas elektronik, UTF-8)',
    '- berkas/<urut>-<kode klasifikasi>/<nomor item>-<nomor surat>/ : berkas elektronik setiap surat (PDF atau gambar pindaian)',
    '',
    'Keutuhan setiap berkas dapat diperiksa dengan membandingkan nilai SHA-256 berkas dengan kolom sha256 pada manifest.',
    'Paket ini dapat dibuka tanpa aplikasi Lontar (format ZIP standar).',
    '',
  ].join('\r\n');
}
