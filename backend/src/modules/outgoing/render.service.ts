import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { SECURITY_LABELS, URGENCY_LABELS } from '../documents/format-id.ts';
import { filesOf } from '../files/files.service.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { holdersOfPosition } from '../org/org.service.ts';
import type { OutgoingLetter } from './outgoing.model.ts';
import { formatNumber } from './numbering.ts';
import { issuingUnit } from './parties.ts';
import { kindSetting } from './settings.service.ts';
import type { Body } from './templates/body-model.ts';
import { kindDefinition, type OutgoingKind } from './templates/kinds.ts';
import {
  renderLetterPdf,
  type LetterRenderData,
  type SignatureBlock,
} from './templates/render-letter.ts';
import { displayCode } from './verification-code.ts';

/** Turns a letter into what the template prints: the live draft for previews, the frozen
 * signed state for the final letter. */

export function publicBaseUrl(services: Services): string {
  const configured = services.config.PUBLIC_URL?.replace(/\/+$/, '');
  return configured ?? `http://${services.config.HOST}:${services.config.PORT}`;
}

export function verificationUrl(services: Services, code: string): string {
  return `${publicBaseUrl(services)}/v/${code}`;
}

/** "a.n. SEKRETARIS DAERAH PROVINSI LAMPUNG" / "ASISTEN ADMINISTRASI UMUM," */
export function headingLines(
  signer: OutgoingLetter['signer'],
  acting: 'plt' | 'plh' | null,
): string[] {
  const own = `${acting === 'plt' ? 'Plt. ' : acting === 'plh' ? 'Plh. ' : ''}${signer.title.toUpperCase()},`;
  if (signer.mode === 'an' && signer.onBehalfOfTitle)
    return [`a.n. ${signer.onBehalfOfTitle.toUpperCase()}`, own];
  if (signer.mode === 'ub' && signer.onBehalfOfTitle) {
    return [
      `a.n. ${signer.onBehalfOfTitle.toUpperCase()}`,
      (signer.throughTitle ?? '').toUpperCase(),
      'u.b.',
      own,
    ];
  }
  return [own];
}

export function rankLine(user: Pick<User, 'rank' | 'grade'>): string | null {
  if (!user.rank) return null;
  return user.grade ? `${user.rank} (${user.grade})` : user.rank;
}

/** The signature block a preview shows: today's holder of the signing position. */
async function previewSignature(letter: OutgoingLetter): Promise<SignatureBlock> {
  const holders = await holdersOfPosition(letter.signer.positionId);
  const holder = holders.find((h) => !h.acting) ?? holders[0];
  const user = holder ? await UserModel.findById(holder.userId).lean<User>() : null;
  return {
    headingLines: headingLines(letter.signer, holder && holder.acting ? holder.actingKind : null),
    name: user?.name ?? '(jabatan belum terisi)',
    rank: user ? rankLine(user) : null,
    nip: user?.nip ?? null,
  };
}

function commonData(
  letter: OutgoingLetter,
  attachmentCount: number,
): Omit<LetterRenderData, 'number' | 'date' | 'draftDate' | 'signature'> {
  const definition = kindDefinition(letter.kind as OutgoingKind);
  const security =
    letter.securityClass === 'B' ? null : (SECURITY_LABELS[letter.securityClass] ?? null);
  return {
    kind: letter.kind as OutgoingKind,
    place: letter.place,
    urgency: URGENCY_LABELS[letter.urgency] ?? 'Biasa',
    securityLabel: security,
    // "1 (satu) berkas" when files are attached and the drafter wrote no Lampiran line.
    attachment:
      letter.attachmentLabel ||
      (attachmentCount > 0 ? `${attachmentCount} (${spelled(attachmentCount)}) berkas` : null),
    subject: letter.subject,
    recipients: letter.recipients.map((r) => r.label),
    recipientPlace: letter.recipientPlace ?? (definition.layout === 'letter' ? 'Tempat' : null),
    from: letter.signer.title,
    body: (letter.body ?? []) as Body,
    carbonCopies: letter.carbonCopies.map((c) => c.label),
  };
}

const SPELLED = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
];
function spelled(n: number): string {
  return SPELLED[n] ?? String(n);
}

async function attachmentCount(letter: OutgoingLetter): Promise<number> {
  return (await filesOf('outgoing', letter._id)).length;
}

export async function renderPreview(letter: OutgoingLetter): Promise<Uint8Array> {
  const setting = await kindSetting(letter.kind as OutgoingKind);
  const unit = await issuingUnit(letter.signer);
  const today = now();
  const data: LetterRenderData = {
    ...commonData(letter, await attachmentCount(letter)),
    number: formatNumber(setting.numberPattern, {
      classificationCode: letter.classificationCode,
      sequence: null,
      unitCode: unit?.code ?? '',
      date: today,
    }),
    date: null,
    draftDate: today,
    signature: await previewSignature(letter),
    watermark: 'KONSEP',
  };
  return renderLetterPdf(data, today);
}

/** The final letter from the frozen signed state; the same letter gives the same bytes. */
export async function renderFinal(services: Services, letter: OutgoingLetter): Promise<Uint8Array> {
  if (!letter.signature || !letter.signedAt || !letter.number)
    throw new Error('renderFinal needs a numbered, signing letter');
  const data: LetterRenderData = {
    ...commonData(letter, await attachmentCount(letter)),
    number: letter.number,
    date: letter.signedAt,
    draftDate: letter.signedAt,
    signature: {
      headingLines: letter.signature.headingLines,
      name: letter.signature.name,
      rank: letter.signature.rank ?? null,
      nip: letter.signature.nip ?? null,
    },
    verification: { code: displayCode(letter.code), url: verificationUrl(services, letter.code) },
  };
  return renderLetterPdf(data, letter.signedAt);
}
