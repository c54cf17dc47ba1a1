import { drawPageFooters, newDocument, pdfText, savePdf } from '../../documents/pdf-kit.ts';
import { formatAngka, formatTanggal, formatTanggalJam } from '../../documents/format-id.ts';
import { terbilang, tanggalTerbilang } from '../terbilang.ts';
import type { Proposal } from '../proposals.model.ts';
import { Flow, formatNip, type SignatureBlock } from './flow.ts';

export const KIND_TITLES = {
  transfer: {
    ba: 'BERITA ACARA PEMINDAHAN ARSIP',
    list: 'DAFTAR ARSIP YANG DIPINDAHKAN',
    verb: 'pemindahan',
    noun: 'Pemindahan',
  },
  disposal: {
    ba: 'BERITA ACARA PEMUSNAHAN ARSIP',
    list: 'DAFTAR ARSIP YANG DIMUSNAHKAN',
    verb: 'pemusnahan',
    noun: 'Pemusnahan',
  },
  handover: {
    ba: 'BERITA ACARA PENYERAHAN ARSIP STATIS',
    list: 'DAFTAR ARSIP STATIS YANG DISERAHKAN',
    verb: 'penyerahan',
    noun: 'Penyerahan',
  },
} as const;

export const BA_CODES = {
  transfer: 'BA-PINDAH',
  disposal: 'BA-MUSNAH',
  handover: 'BA-SERAH',
} as const;

/** `000.5/3/BA-MUSNAH/2026`: the Kearsipan code, the gap-free number, the kind, the year. */
export function beritaAcaraNumber(
  proposal: Pick<Proposal, 'kind' | 'baNumber' | 'baYear'>,
): string {
  if (!proposal.baNumber) return '-';
  return `000.5/${proposal.baNumber}/${BA_CODES[proposal.kind as keyof typeof BA_CODES]}/${proposal.baYear}`;
}

function period(proposal: Proposal): string {
  const starts = proposal.entries
    .map((e) => e.periodStart)
    .filter((d): d is string => !!d)
    .sort();
  const ends = proposal.entries
    .map((e) => e.periodEnd)
    .filter((d): d is string => !!d)
    .sort();
  const from = starts[0]?.slice(0, 4);
  const to = ends[ends.length - 1]?.slice(0, 4);
  if (!from || !to) return '-';
  return from === to ? `tahun ${from}` : `tahun ${from} s.d. ${to}`;
}

export interface BeritaAcaraContext {
  disposedFiles: number;
  /** Where transferred berkas now sit (transfer with a destination box). */
  destination?: string | null;
}

/** The berita acara of an executed proposal (domain.md §5), signed by the parties the
 * kind requires, with the approvals recorded. The list is a separate document. */
export async function renderBeritaAcara(
  proposal: Proposal,
  context: BeritaAcaraContext,
): Promise<Buffer> {
  const titles = KIND_TITLES[proposal.kind as keyof typeof KIND_TITLES];
  const { doc, fonts } = await newDocument(titles.ba);
  const flow = new Flow(doc, fonts);
  const executedOn = proposal.executedOn ?? '';
  const items = proposal.entries.reduce((sum, e) => sum + (e.itemCount ?? 0), 0);
  const count = proposal.entries.length;
  const approvals = proposal.approvals.filter((a) => a.decision === 'approved');
  const lastApproval = approvals[approvals.length - 1];

  flow.gap(6);
  flow.centered(titles.ba, fonts.serifBold, 13, true);
  flow.centered(`Nomor: ${beritaAcaraNumber(proposal)}`, fonts.serif, 11.5);
  flow.gap(12);
  flow.paragraph(
    `Pada ${tanggalTerbilang(executedOn)}, bertempat di Sekretariat Daerah Provinsi Lampung, yang bertanda tangan di bawah ini:`,
    { justify: true, firstLineIndent: 28 },
  );
  flow.gap(4);

  const executor = {
    name: proposal.executedByName ?? '',
    nip: formatNip(proposal.executedByNip),
    position: 'Arsiparis, Unit Kearsipan Sekretariat Daerah Provinsi Lampung',
  };
  const parties: Array<{
    heading: string;
    name: string;
    nip: string;
    position: string;
    role: string;
  }> = [];
  if (proposal.kind === 'transfer') {
    parties.push({
      heading: 'I.',
      ...executor,
      role: 'atas nama unit pengolah, selanjutnya disebut PIHAK PERTAMA',
    });
    if (lastApproval)
      parties.push({
        heading: 'II.',
        name: lastApproval.decidedByName ?? '',
        nip: formatNip(lastApproval.decidedByNip),
        position: `${lastApproval.acting ?? ''} ${lastApproval.positionTitle}`.trim(),
        role: `atas nama ${proposal.receiverName}, selanjutnya disebut PIHAK KEDUA`,
      });
  } else if (proposal.kind === 'handover') {
    if (lastApproval)
      parties.push({
        heading: 'I.',
        name: lastApproval.decidedByName ?? '',
        nip: formatNip(lastApproval.decidedByNip),
        position: `${lastApproval.acting ?? ''} ${lastApproval.positionTitle}`.trim(),
        role: 'atas nama Pemerintah Provinsi Lampung, selanjutnya disebut PIHAK PERTAMA',
      });
    parties.push({
      heading: 'II.',
      name: '',
      nip: '',
      position: `Kepala ${proposal.receiverName}`,
      role: 'selanjutnya disebut PIHAK KEDUA',
    });
  } else {
    parties.push({ heading: '', ...executor, role: 'selaku pelaksana pemusnahan arsip' });
  }
  for (const party of parties) {
    flow.fields(
      [
        ['Nama', party.name || '.............................................'],
        ['NIP', party.nip || '-'],
        ['Jabatan', party.position],
      ],
      { indent: party.heading ? 28 : 14, labelWidth: 70 },
    );
    flow.paragraph(party.role, { indent: party.heading ? 28 : 14, font: fonts.serif });
    flow.gap(4);
  }

  const summary = `${formatAngka(count)} (${terbilang(count)}) berkas yang terdiri atas ${formatAngka(items)} (${terbilang(items)}) item arsip, kurun waktu ${period(proposal)}, sebagaimana tercantum dalam ${titles.list.charAt(0)}${titles.list.slice(1).toLowerCase()} terlampir yang merupakan bagian tidak terpisahkan dari Berita Acara ini`;
  const approvalText = approvals
    .map(
      (a) =>
        `${a.acting ? `${a.acting} ` : ''}${a.positionTitle} pada tanggal ${formatTanggal(a.decidedAt ?? null)}`,
    )
    .join(', dan ');
  if (proposal.kind === 'transfer') {
    flow.paragraph(
      `PIHAK PERTAMA memindahkan kepada PIHAK KEDUA arsip inaktif sebanyak ${summary}.${context.destination ? ` Arsip ditempatkan pada ${context.destination}.` : ''}`,
      { justify: true, firstLineIndent: 28 },
    );
  } else if (proposal.kind === 'handover') {
    flow.paragraph(
      `PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA arsip statis sebanyak ${summary}. Penyerahan disertai paket ekspor elektronik berisi berkas PDF dan manifes metadata (JSON dan CSV) beserta nilai SHA-256 setiap berkas.`,
      { justify: true, firstLineIndent: 28 },
    );
  } else {
    flow.paragraph(
      `Telah melaksanakan pemusnahan arsip sebanyak ${summary}. Pemusnahan dilaksanakan dengan cara penghapusan permanen ${formatAngka(context.disposedFiles)} (${terbilang(context.disposedFiles)}) berkas elektronik dari media penyimpanan; metadata arsip, daftar arsip, dan dokumen pemusnahan ini disimpan secara permanen.`,
      { justify: true, firstLineIndent: 28 },
    );
  }
  if (approvalText) {
    flow.gap(2);
    flow.paragraph(`${titles.noun} ini telah disetujui oleh ${approvalText}.`, {
      justify: true,
      firstLineIndent: 28,
    });
  }
  if (proposal.note) {
    flow.gap(2);
    flow.paragraph(`Keterangan: ${proposal.note}`, { justify: true, firstLineIndent: 28 });
  }
  flow.gap(2);
  flow.paragraph(
    'Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
    { justify: true, firstLineIndent: 28 },
  );
  flow.gap(14);
  flow.paragraph(`Bandar Lampung, ${formatTanggal(executedOn)}`, { indent: 260 });
  flow.gap(4);

  const blocks: SignatureBlock[] = [];
  if (proposal.kind === 'disposal') {
    blocks.push({ heading: ['Pelaksana,'], name: executor.name, nip: executor.nip });
    flow.signatures(blocks, { columns: 2 });
    flow.gap(6);
    flow.centered('Mengetahui / Menyetujui,', fonts.serif, 11);
    flow.signatures(
      approvals.map((a) => ({
        heading: [`${a.acting ? `${a.acting} ` : ''}${a.positionTitle},`],
        name: a.decidedByName ?? '',
        nip: formatNip(a.decidedByNip),
      })),
    );
  } else {
    const [first, second] = parties;
    flow.signatures([
      {
        heading: ['PIHAK KEDUA,', second?.position ?? ''],
        name: second?.name ?? '',
        nip: second?.nip ?? '',
      },
      {
        heading: ['PIHAK PERTAMA,', first?.position ?? ''],
        name: first?.name ?? '',
        nip: first?.nip ?? '',
      },
    ]);
  }
  drawPageFooters(
    doc,
    fonts,
    pdfText(
      `${titles.ba} ${beritaAcaraNumber(proposal)} - dibuat oleh Lontar ${formatTanggalJam(proposal.executedAt ?? new Date())}`,
    ),
  );
  return savePdf(doc);
}
