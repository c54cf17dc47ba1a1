/**
 * The one policy layer (design.md §4). Every access question in Lontar is answered from the
 * `POLICY` table below, and only here. A rule is data: for each action, the grants that
 * allow it, each a role, a scope, the security classes it covers and whether an acting
 * (Plt/Plh) position counts; plus whether the user's clearance must reach the record's
 * class. `docs/security.md` shows this table, rendered from it (policy.doc.ts; the test
 * policy.doc.test.ts fails when the document is stale). Why each rule is what it is:
 * docs/security.md, "Decisions".
 *
 * Modules describe a record as a `Resource` (letters.policy.ts, outgoing.policy.ts, ...
 * each have one small function for that) and ask `can(actor, action, resource)`. Lists ask
 * `reach(actor, action, securityClass)`: what the actor may see without a record at hand
 * (every record, or only those of some positions, units or their own), and turn it into a
 * query; so a list and a single read never disagree.
 */
import {
  clearanceAllows,
  SECURITY_CLASSES,
  type Actor,
  type HeldPosition,
  type Role,
  type SecurityClass,
} from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';

export { clearanceAllows };

/** What a record looks like to the policy. */
export interface Resource {
  /** Default B. */
  securityClass?: SecurityClass;
  /** Ids of the record's unit and its ancestors (root first). */
  unitPath?: string[];
  /** Positions that act on the record: the addressee, the position a disposition is sent
   * to, the verifier whose turn it is, the signer, the drafting position. */
  addresseeIds?: string[];
  /** Every other position in the record's chain: superiors of the addressee in the
   * reporting line, tembusan, disposition recipients, outgoing participants. */
  chainIds?: string[];
  /** The user the record belongs to (API tokens, the registering clerk, the drafter). */
  ownerUserId?: string;
}

/**
 * any: no condition on the record; chain: the actor holds an addressed position or any
 * other position of the record's chain; addressee: the actor holds an addressed position;
 * unit: the record's unit lies in the subtree of a unit where the actor holds a position;
 * own: the record belongs to the actor.
 */
export type Scope = 'any' | 'chain' | 'addressee' | 'unit' | 'own';

export interface Grant {
  role: Role | '*';
  scope: Scope;
  /** Classes this grant covers; default all. */
  classes?: readonly SecurityClass[];
  /** Whether a position held as Plt/Plh counts for the scope (chain, addressee, unit);
   * default true: an acting official stands in the position (domain.md §2). */
  acting?: boolean;
}

export interface Rule {
  /** What the action is, in a few words (for the table in docs/security.md). */
  summary: string;
  grants: readonly Grant[];
  /** When true the actor's clearance must reach the record's class, whatever the grant. */
  clearance: boolean;
}

const OPEN: readonly SecurityClass[] = ['B', 'T'];

/** The actions. Each is asked by the routes listed in docs/security.md and driven through
 * them by policy.matrix.test.ts. */
export const POLICY = {
  'org.manage': {
    summary: 'Kelola unit, jabatan, pengguna, Plt/Plh, pola nomor, tabel rujukan',
    grants: [{ role: 'admin', scope: 'any' }],
    clearance: false,
  },
  'audit.browse': {
    summary: 'Telusuri jejak audit',
    grants: [{ role: 'admin', scope: 'any' }],
    clearance: false,
  },
  'pki.manage': {
    summary: 'Kelola CA instansi: impor PKCS#12, cabut sertifikat tanda tangan',
    grants: [{ role: 'admin', scope: 'any' }],
    clearance: false,
  },
  'token.manage': {
    summary: 'Kelola token API',
    grants: [
      { role: 'admin', scope: 'any' },
      { role: '*', scope: 'own' },
    ],
    clearance: false,
  },
  'letter.register': {
    summary: 'Daftarkan surat masuk (buku agenda), periksa surat ganda',
    grants: [{ role: 'agendaris', scope: 'any' }],
    clearance: false,
  },
  'letter.view': {
    summary: 'Lihat baris agenda surat masuk (metadata), apa pun klasifikasinya',
    grants: [
      { role: 'agendaris', scope: 'any' },
      { role: 'arsiparis', scope: 'any' },
      { role: 'pejabat', scope: 'chain' },
    ],
    clearance: false,
  },
  'letter.view_content': {
    summary: 'Baca isi dan pindaian surat (berkas, halaman, OCR, hasil cari, disposisi)',
    grants: [
      { role: 'agendaris', scope: 'any', classes: OPEN },
      { role: 'arsiparis', scope: 'any' },
      { role: 'pejabat', scope: 'chain' },
    ],
    clearance: true,
  },
  'letter.correct': {
    summary: 'Koreksi atau batalkan pendaftaran surat masuk',
    grants: [{ role: 'agendaris', scope: 'own' }],
    clearance: false,
  },
  'letter.dispose': {
    summary: 'Disposisikan, teruskan, laporkan, selesaikan',
    grants: [{ role: 'pejabat', scope: 'addressee' }],
    clearance: true,
  },
  'report.view': {
    summary: 'Baca laporan tindak lanjut dan lampirannya (penulis dan jabatan di atasnya)',
    grants: [{ role: '*', scope: 'chain' }],
    clearance: false,
  },
  'monitoring.view': {
    summary:
      'Pantau disposisi per unit: siapa memegang apa, sejak kapan, keterlambatan (pejabat: pimpinan unit)',
    grants: [
      { role: 'pejabat', scope: 'unit' },
      { role: 'admin', scope: 'any' },
    ],
    clearance: false,
  },
  'monitoring.subject': {
    summary: 'Lihat perihal surat pada pemantauan disposisi',
    grants: [{ role: 'pejabat', scope: 'unit' }],
    clearance: true,
  },
  'report.period': {
    summary:
      'Laporan bulanan dan tahunan (surat, tindak lanjut, rapat, kearsipan) unit dan unit di bawahnya; hanya angka, tanpa perihal',
    grants: [
      { role: 'pejabat', scope: 'unit' },
      { role: 'admin', scope: 'any' },
    ],
    clearance: false,
  },
  'outgoing.draft': {
    summary: 'Susun dan ubah konsep surat keluar atas jabatan sendiri',
    grants: [
      { role: 'pejabat', scope: 'addressee' },
      { role: 'agendaris', scope: 'addressee' },
      { role: 'pejabat', scope: 'own' },
      { role: 'agendaris', scope: 'own' },
    ],
    clearance: true,
  },
  'outgoing.view': {
    summary: 'Lihat surat keluar yang ia susun, periksa, tanda tangani, atau terima',
    grants: [
      { role: '*', scope: 'chain' },
      { role: '*', scope: 'own' },
    ],
    clearance: false,
  },
  'outgoing.view_register': {
    summary: 'Lihat buku agenda surat keluar (surat yang sudah ditandatangani)',
    grants: [
      { role: 'agendaris', scope: 'any' },
      { role: 'arsiparis', scope: 'any' },
    ],
    clearance: true,
  },
  'outgoing.sign': {
    summary: 'Paraf atau tanda tangani surat keluar (giliran jabatannya)',
    grants: [{ role: 'pejabat', scope: 'addressee' }],
    clearance: true,
  },
  'outgoing.dispatch': {
    summary: 'Kirim surat keluar yang sudah ditandatangani',
    grants: [{ role: 'agendaris', scope: 'any' }],
    clearance: true,
  },
  'outgoing.numbering': {
    summary: 'Lihat pola nomor dan penghitung surat keluar per jenis naskah (ubah: org.manage)',
    grants: [
      { role: 'admin', scope: 'any' },
      { role: 'agendaris', scope: 'any' },
    ],
    clearance: false,
  },
  'ocr.correct': {
    summary: 'Koreksi teks hasil OCR satu halaman (hanya berkas yang boleh ia baca)',
    grants: [
      { role: 'agendaris', scope: 'any' },
      { role: 'arsiparis', scope: 'any' },
      { role: 'pejabat', scope: 'any' },
    ],
    clearance: false,
  },
  'ocr.retry': {
    summary: 'Ulangi OCR berkas yang gagal (hanya berkas yang boleh ia baca)',
    grants: [
      { role: 'admin', scope: 'any' },
      { role: 'agendaris', scope: 'any' },
      { role: 'arsiparis', scope: 'any' },
    ],
    clearance: false,
  },
  'ocr.queue': {
    summary: 'Lihat antrean OCR (pekerjaan yang berhenti dan perlu diulang)',
    grants: [
      { role: 'admin', scope: 'any' },
      { role: 'arsiparis', scope: 'any' },
    ],
    clearance: false,
  },
  'berkas.view': {
    summary: 'Lihat berkas arsip (nomor, kode, unit, status)',
    grants: [
      { role: 'arsiparis', scope: 'any' },
      { role: 'pejabat', scope: 'unit' },
    ],
    clearance: false,
  },
  'berkas.edit': {
    summary: 'Baca judul dan isi berkas, isi dan tutup berkas',
    grants: [
      { role: 'arsiparis', scope: 'any' },
      { role: 'pejabat', scope: 'unit' },
    ],
    clearance: true,
  },
  'archive.manage': {
    summary: 'Peminjaman, pemindahan, pemusnahan, penyerahan, JRA, impor arsip lama',
    grants: [{ role: 'arsiparis', scope: 'any' }],
    clearance: true,
  },
  'archive.approve': {
    summary:
      'Setujui atau tolak usulan pemindahan, pemusnahan, penyerahan (jabatan penyetuju yang ditunggu)',
    grants: [{ role: '*', scope: 'addressee' }],
    clearance: false,
  },
  'queue.visit': {
    summary: 'Catat dan baca kunjungan sendiri ke antrean kerja (tanda "Baru")',
    grants: [{ role: '*', scope: 'own' }],
    clearance: false,
  },
  'archive.settings': {
    summary: 'Tetapkan pejabat penyetuju pemindahan, pemusnahan, penyerahan',
    grants: [
      { role: 'arsiparis', scope: 'any' },
      { role: 'admin', scope: 'any' },
    ],
    clearance: false,
  },
  'agenda.view': {
    summary:
      'Lihat agenda pimpinan satu jabatan (pemegang jabatan, Plt/Plh, staf penyimpan agenda yang ditetapkan admin)',
    grants: [{ role: '*', scope: 'chain' }],
    clearance: false,
  },
  'agenda.decide': {
    summary:
      'Terima atau tolak undangan pada agenda (pemegang jabatan, Plt/Plh, staf penyimpan agenda)',
    grants: [{ role: '*', scope: 'chain' }],
    clearance: false,
  },
  'agenda.remind': {
    summary:
      'Atur waktu pengingat agenda (bawaan jabatan di profil, atau satu entri): pemegang jabatan, Plt/Plh, staf penyimpan agenda',
    grants: [{ role: '*', scope: 'chain' }],
    clearance: false,
  },
  'agenda.delegate': {
    summary: 'Wakilkan undangan (disposisi "Hadiri/Wakili"); hanya pemegang jabatan atau Plt/Plh',
    grants: [{ role: '*', scope: 'addressee' }],
    clearance: false,
  },
  'agenda.feed': {
    summary: 'Buat atau cabut tautan kalender (iCalendar) pribadi agenda jabatan sendiri',
    grants: [{ role: '*', scope: 'addressee' }],
    clearance: false,
  },
  'meeting.create': {
    summary: 'Buat rapat (dari surat undangan atau baru): staf sekretariat dan pejabat',
    grants: [
      { role: 'agendaris', scope: 'any' },
      { role: 'pejabat', scope: 'any' },
    ],
    clearance: true,
  },
  'meeting.view': {
    summary:
      'Lihat rapat, daftar hadir, notulen dan keputusannya (pimpinan rapat, undangan, penanggung jawab keputusan, pimpinan unit mereka, sekretariat, pembuatnya)',
    grants: [
      { role: 'agendaris', scope: 'any', classes: OPEN },
      { role: 'pejabat', scope: 'chain' },
      { role: 'pejabat', scope: 'unit' },
      { role: '*', scope: 'own' },
    ],
    clearance: true,
  },
  'meeting.manage': {
    summary:
      'Ubah rapat, catat kehadiran, susun atau unggah notulen, tetapkan keputusan (pembuatnya, pimpinan rapat, sekretariat)',
    grants: [
      { role: 'agendaris', scope: 'any', classes: OPEN },
      { role: 'pejabat', scope: 'addressee' },
      { role: '*', scope: 'own' },
    ],
    clearance: true,
  },
  'agenda.keepers': {
    summary: 'Tetapkan staf penyimpan agenda pejabat',
    grants: [{ role: 'admin', scope: 'any' }],
    clearance: false,
  },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

export function actorHoldsPosition(actor: Actor, positionId: unknown): boolean {
  return actor.positions.some((p) => p.id === String(positionId));
}

/** The held position with this id, if any (for "Plh." in audit trails and signatures). */
export function heldPosition(actor: Actor, positionId: unknown): HeldPosition | undefined {
  return actor.positions.find((p) => p.id === String(positionId));
}

/** The actor holds a position in `unitId` or in a unit below it. */
export function actorIsInUnitSubtree(actor: Actor, unitId: string): boolean {
  return actor.positions.some((p) => p.unitId === unitId || (p.unitPath ?? []).includes(unitId));
}

function positionsFor(actor: Actor, grant: Grant): HeldPosition[] {
  return grant.acting === false ? actor.positions.filter((p) => !p.acting) : actor.positions;
}

function scopeHolds(actor: Actor, grant: Grant, resource: Resource): boolean {
  const held = () => new Set(positionsFor(actor, grant).map((p) => p.id));
  switch (grant.scope) {
    case 'any':
      return true;
    case 'addressee': {
      const mine = held();
      return (resource.addresseeIds ?? []).some((id) => mine.has(id));
    }
    case 'chain': {
      const mine = held();
      return [...(resource.addresseeIds ?? []), ...(resource.chainIds ?? [])].some((id) =>
        mine.has(id),
      );
    }
    case 'unit': {
      const path = new Set(resource.unitPath ?? []);
      return positionsFor(actor, grant).some((p) => path.has(p.unitId));
    }
    case 'own':
      return resource.ownerUserId !== undefined && resource.ownerUserId === actor.userId;
  }
}

function grantApplies(actor: Actor, grant: Grant, securityClass: SecurityClass): boolean {
  return (
    (grant.role === '*' || actor.roles.includes(grant.role)) &&
    (!grant.classes || grant.classes.includes(securityClass))
  );
}

export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  const rule: Rule = POLICY[action];
  const securityClass = resource.securityClass ?? 'B';
  if (rule.clearance && !clearanceAllows(actor.clearance, securityClass)) return false;
  return rule.grants.some(
    (grant) => grantApplies(actor, grant, securityClass) && scopeHolds(actor, grant, resource),
  );
}

/** Throws 403 FORBIDDEN unless `can`. */
export function authorize(
  actor: Actor,
  action: Action,
  resource: Resource = {},
  message?: string,
): void {
  if (!can(actor, action, resource)) throw forbidden(message);
}

/** What an actor may reach for an action without a record at hand, for lists and search:
 * `any` (every record of the class), or only records whose chain/addressees include one
 * of `positionIds`, whose unit path includes one of `unitIds`, or that are their `own`. */
export interface Reach {
  any: boolean;
  /** Held positions that open records through a chain grant. */
  chainPositionIds: string[];
  /** Held positions that open records through an addressee grant. */
  addresseePositionIds: string[];
  unitIds: string[];
  own: boolean;
}

export function reach(actor: Actor, action: Action, securityClass: SecurityClass = 'B'): Reach {
  const rule: Rule = POLICY[action];
  const result: Reach = {
    any: false,
    chainPositionIds: [],
    addresseePositionIds: [],
    unitIds: [],
    own: false,
  };
  if (rule.clearance && !clearanceAllows(actor.clearance, securityClass)) return result;
  const add = (list: string[], ids: string[]) => {
    for (const id of ids) if (!list.includes(id)) list.push(id);
  };
  for (const grant of rule.grants) {
    if (!grantApplies(actor, grant, securityClass)) continue;
    const held = positionsFor(actor, grant);
    if (grant.scope === 'any') result.any = true;
    if (grant.scope === 'chain')
      add(
        result.chainPositionIds,
        held.map((p) => p.id),
      );
    if (grant.scope === 'addressee')
      add(
        result.addresseePositionIds,
        held.map((p) => p.id),
      );
    if (grant.scope === 'unit')
      add(
        result.unitIds,
        held.map((p) => p.unitId),
      );
    if (grant.scope === 'own') result.own = true;
  }
  return result;
}

/** The classes for which the actor reaches every record (`any`), lowest first. */
export function classesReachedEverywhere(actor: Actor, action: Action): SecurityClass[] {
  return SECURITY_CLASSES.filter((c) => reach(actor, action, c).any);
}

/** The classes for which the actor reaches anything at all (any scope). */
export function classesReached(actor: Actor, action: Action): SecurityClass[] {
  return SECURITY_CLASSES.filter((c) => {
    const r = reach(actor, action, c);
    return (
      r.any ||
      r.own ||
      r.chainPositionIds.length > 0 ||
      r.addresseePositionIds.length > 0 ||
      r.unitIds.length > 0
    );
  });
}

/** Roles that hold some grant of the action (for route-level role gates, and the UI's
 * menus): derived from the table, never written beside it. A '*' grant means every role. */
export function rolesFor(...actions: Action[]): Role[] {
  const roles = new Set<Role>();
  for (const action of actions)
    for (const grant of (POLICY[action] as Rule).grants)
      if (grant.role === '*')
        ['admin', 'agendaris', 'pejabat', 'arsiparis'].forEach((r) => roles.add(r as Role));
      else roles.add(grant.role);
  return [...roles];
}

/** Roles with an `any` grant for the action (the desk's register-wide views). */
export function rolesReachingEverything(action: Action): Role[] {
  return (POLICY[action] as Rule).grants
    .filter((g) => g.scope === 'any' && g.role !== '*')
    .map((g) => g.role as Role);
}
