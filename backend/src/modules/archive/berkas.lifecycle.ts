import mongoose from 'mongoose';
import type { Actor, SecurityClass } from '../../http/actor.ts';
import { conflict, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireEdit, requireManage } from './archive.policy.ts';
import { BerkasModel, type Berkas } from './berkas.model.ts';
import { berkasSnapshot, loadBerkas } from './berkas.service.ts';
import { today } from './dates.ts';
import { BoxModel, type Box } from './location.model.ts';
import { effectiveRetention, retentionSnapshot, scheduleFrom } from './retention.service.ts';

async function changed(actor: Actor, action: string, before: Berkas, ip?: string): Promise<Berkas> {
  const after = (await BerkasModel.findById(before._id).lean<Berkas>())!;
  await recordAudit({
    actor,
    action,
    recordType: 'berkas',
    recordId: String(before._id),
    before: berkasSnapshot(before),
    after: berkasSnapshot(after),
    ip: ip ?? null,
  });
  return after;
}

/**
 * Closes a berkas: no more letters go in, and the retention clock starts on the closing
 * date (domain.md §5). The date defaults to today; an archivist closing last year's files
 * may give an earlier date, never before the latest letter in it nor in the future.
 */
export async function closeBerkas(
  actor: Actor,
  id: string,
  closedOn: string | undefined,
  ip?: string,
): Promise<Berkas> {
  const berkas = await loadBerkas(id);
  requireEdit(actor, berkas);
  if (berkas.status !== 'open') throw conflict('Berkas ini sudah ditutup.');
  if (berkas.itemCount === 0)
    throw conflict('Berkas kosong tidak dapat ditutup. Masukkan surat lebih dahulu.');
  const date = closedOn ?? today();
  if (date > today())
    throw validationFailed('Tanggal penutupan tidak boleh setelah hari ini.', {
      field: 'closedOn',
    });
  if (berkas.periodEnd && date < berkas.periodEnd) {
    throw validationFailed(
      'Tanggal penutupan tidak boleh sebelum tanggal surat terakhir di dalam berkas.',
      { field: 'closedOn' },
    );
  }
  const retention = await effectiveRetention(berkas.classificationCode);
  if (!retention)
    throw conflict(`Kode ${berkas.classificationCode} belum mempunyai jadwal retensi.`);
  const result = await BerkasModel.updateOne(
    { _id: berkas._id, status: 'open' },
    {
      $set: {
        status: 'closed',
        closedOn: date,
        closedAt: now(),
        closedByName: actor.name,
        retention: retentionSnapshot(retention),
        finalDisposition: retention.finalDisposition,
        ...scheduleFrom(date, retention),
      },
    },
  );
  if (result.matchedCount === 0)
    throw conflict('Berkas ini baru saja diubah oleh pengguna lain. Muat ulang halaman.');
  return changed(actor, 'archive.berkas.close', berkas, ip);
}

/** Opens a closed berkas again (a letter was forgotten): the clock stops until it is
 * closed again. Archivists only, and only while it is still with its unit. */
export async function reopenBerkas(
  actor: Actor,
  id: string,
  reason: string,
  ip?: string,
): Promise<Berkas> {
  const berkas = await loadBerkas(id);
  requireManage(actor, berkas.securityClass as SecurityClass);
  if (berkas.status !== 'closed')
    throw conflict('Hanya berkas berstatus tertutup (arsip aktif) yang dapat dibuka kembali.');
  if (berkas.proposalId)
    throw conflict('Berkas sedang dalam usulan pemindahan, pemusnahan, atau penyerahan.');
  const result = await BerkasModel.updateOne(
    { _id: berkas._id, status: 'closed', proposalId: null },
    {
      $set: {
        status: 'open',
        closedOn: null,
        closedAt: null,
        closedByName: null,
        retention: null,
        finalDisposition: null,
        activeUntil: null,
        inactiveUntil: null,
        appraisal: null,
      },
    },
  );
  if (result.matchedCount === 0)
    throw conflict('Berkas ini baru saja diubah oleh pengguna lain. Muat ulang halaman.');
  const after = await changed(actor, 'archive.berkas.reopen', berkas, ip);
  await recordAudit({
    actor,
    action: 'archive.berkas.reopen.reason',
    recordType: 'berkas',
    recordId: id,
    after: { reason },
    ip: ip ?? null,
  });
  return after;
}

const FINISHED = ['disposed', 'handed_over'];

/** A legal hold freezes the berkas: no disposal and no handover while it lasts. */
export async function setLegalHold(
  actor: Actor,
  id: string,
  reason: string,
  ip?: string,
): Promise<Berkas> {
  const berkas = await loadBerkas(id);
  requireManage(actor, berkas.securityClass as SecurityClass);
  if (FINISHED.includes(berkas.status))
    throw conflict('Berkas ini sudah dimusnahkan atau diserahkan.');
  if (berkas.legalHold) throw conflict('Berkas ini sudah ditahan (legal hold).');
  await BerkasModel.updateOne(
    { _id: berkas._id, legalHold: null },
    { $set: { legalHold: { reason, setAt: now(), setByName: actor.name } } },
  );
  return changed(actor, 'archive.berkas.hold', berkas, ip);
}

export async function releaseLegalHold(
  actor: Actor,
  id: string,
  reason: string,
  ip?: string,
): Promise<Berkas> {
  const berkas = await loadBerkas(id);
  requireManage(actor, berkas.securityClass as SecurityClass);
  if (!berkas.legalHold) throw conflict('Berkas ini tidak sedang ditahan.');
  await BerkasModel.updateOne({ _id: berkas._id }, { $set: { legalHold: null } });
  const after = await changed(actor, 'archive.berkas.release', berkas, ip);
  await recordAudit({
    actor,
    action: 'archive.berkas.release.reason',
    recordType: 'berkas',
    recordId: id,
    after: { reason },
    ip: ip ?? null,
  });
  return after;
}

/** Re-appraisal of a "Dinilai Kembali" berkas: the archivist decides Musnah or Permanen. */
export async function reappraiseBerkas(
  actor: Actor,
  id: string,
  decision: 'musnah' | 'permanen',
  note: string,
  ip?: string,
): Promise<Berkas> {
  const berkas = await loadBerkas(id);
  requireManage(actor, berkas.securityClass as SecurityClass);
  if (!['closed', 'inactive'].includes(berkas.status))
    throw conflict('Hanya berkas tertutup atau inaktif yang dapat dinilai kembali.');
  if (berkas.retention?.finalDisposition !== 'dinilai_kembali')
    throw conflict(
      'Nasib akhir berkas ini sudah ditetapkan JRA; penilaian kembali tidak diperlukan.',
    );
  if (berkas.proposalId)
    throw conflict('Berkas sedang dalam usulan; selesaikan atau batalkan usulan itu lebih dahulu.');
  await BerkasModel.updateOne(
    { _id: berkas._id },
    {
      $set: {
        appraisal: { decision, note, at: now(), byName: actor.name },
        finalDisposition: decision,
      },
    },
  );
  return changed(actor, 'archive.berkas.reappraise', berkas, ip);
}

/** Where the paper berkas sits: a box (with its building, room, cabinet and shelf) and a
 * folder in it. Unit staff place their active records; archivists any. */
export async function setLocation(
  actor: Actor,
  id: string,
  input: { boxId: string | null; folder: string | null },
  ip?: string,
): Promise<Berkas> {
  const berkas = await loadBerkas(id);
  requireEdit(actor, berkas);
  if (FINISHED.includes(berkas.status))
    throw conflict('Berkas ini sudah dimusnahkan atau diserahkan.');
  let box: Box | null = null;
  if (input.boxId) {
    if (!mongoose.isValidObjectId(input.boxId)) throw notFound('Boks');
    box = await BoxModel.findById(input.boxId).lean<Box>();
    if (!box || !box.active) throw notFound('Boks');
  }
  await BerkasModel.updateOne(
    { _id: berkas._id },
    { $set: { boxId: box?._id ?? null, folder: box ? input.folder : null } },
  );
  return changed(actor, 'archive.berkas.location', berkas, ip);
}
