import type supertest from 'supertest';
import { loginAs, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import type { Body } from './templates/body-model.ts';
import { findPositionByKey } from '../org/org.service.ts';

/** Shared by the outgoing tests: a realistic reply body and position ids by key. */
export const REPLY_BODY: Body = [
  {
    type: 'paragraph',
    indent: true,
    runs: [
      { text: 'Menindaklanjuti surat Saudara tentang ' },
      { text: 'pembinaan kearsipan', bold: true },
      { text: ', bersama ini kami sampaikan hal-hal sebagai berikut:' },
    ],
  },
  {
    type: 'list',
    style: 'numbered',
    items: [
      { runs: [{ text: 'jadwal pembinaan disepakati pada minggu kedua Desember 2026;' }] },
      { runs: [{ text: 'peserta berasal dari seluruh biro.' }] },
    ],
  },
  {
    type: 'table',
    header: true,
    rows: [
      {
        cells: [
          { runs: [{ text: 'No.' }] },
          { runs: [{ text: 'Unit' }] },
          { runs: [{ text: 'Peserta' }] },
        ],
      },
      {
        cells: [
          { runs: [{ text: '1.' }] },
          { runs: [{ text: 'Biro Umum' }] },
          { runs: [{ text: '2 orang' }] },
        ],
      },
    ],
  },
  {
    type: 'paragraph',
    indent: true,
    runs: [{ text: 'Demikian disampaikan, atas perhatian Saudara diucapkan terima kasih.' }],
  },
];

export async function positionId(key: string): Promise<string> {
  const position = await findPositionByKey(key);
  if (!position) throw new Error(`no position ${key}`);
  return String(position._id);
}

/** A draft with no verifiers, signed by asisten3 a.n. Sekda: straight to the signer on submit. */
export async function quickDraft(
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return {
    kind: 'surat_dinas',
    subject: 'Pemberitahuan Jadwal Pembinaan Kearsipan',
    classificationCode: '000.1',
    recipients: [{ type: 'external', label: 'Bupati Lampung Selatan', address: 'Kalianda' }],
    body: REPLY_BODY,
    verifierPositionIds: [],
    signer: {
      positionId: await positionId('asisten3'),
      mode: 'an',
      onBehalfOfPositionId: await positionId('sekda'),
    },
    ...overrides,
  };
}

/** Logs several demo users in at once, keyed by username. */
export async function loginMany<K extends string>(
  ctx: { request: () => supertest.Agent },
  names: K[],
): Promise<Record<K, LoggedInAgent>> {
  const agents = await Promise.all(names.map((name) => loginAs(ctx, name)));
  return Object.fromEntries(names.map((name, i) => [name, agents[i]!])) as Record<K, LoggedInAgent>;
}
