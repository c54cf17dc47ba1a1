import { formatTanggal } from '../documents/format-id.ts';
import type { Berkas } from './berkas.model.ts';
import { berkasLabel } from './loans.service.ts';
import { DISPOSITION_LABELS } from './retention.seed-data.ts';
import type { ProposalKind } from './settings.model.ts';

/**
 * Why a berkas may not (yet) go through a transfer, disposal or handover on `day`; null
 * when it may. Checked when proposing and again, berkas by berkas, when executing (a hold
 * or a loan may have come in between).
 */
export function refusalFor(
  kind: ProposalKind,
  berkas: Berkas,
  day: string,
  proposalId?: string,
): string | null {
  const label = `Berkas ${berkasLabel(berkas)}`;
  if (berkas.status === 'disposed') return `${label} sudah dimusnahkan.`;
  if (berkas.status === 'handed_over') return `${label} sudah diserahkan.`;
  if (berkas.status === 'open')
    return `${label} masih terbuka; tutup berkas lebih dahulu agar retensinya berjalan.`;
  if (berkas.proposalId && String(berkas.proposalId) !== proposalId)
    return `${label} sudah termasuk dalam usulan lain.`;
  if (berkas.loanId) return `${label} sedang dipinjam; tunggu sampai dikembalikan.`;
  if (kind === 'transfer') {
    if (berkas.status !== 'closed') return `${label} sudah berada di pusat arsip (inaktif).`;
    if (!berkas.activeUntil || berkas.activeUntil > day) {
      return `${label} belum jatuh tempo pemindahan: retensi aktif sampai ${formatTanggal(berkas.activeUntil)}.`;
    }
    return null;
  }
  if (berkas.legalHold) return `${label} sedang ditahan (legal hold): ${berkas.legalHold.reason}.`;
  if (!berkas.inactiveUntil || berkas.inactiveUntil > day) {
    return `${label} belum jatuh tempo retensi: retensi inaktif sampai ${formatTanggal(berkas.inactiveUntil)}.`;
  }
  const wanted = kind === 'disposal' ? 'musnah' : 'permanen';
  if (berkas.finalDisposition !== wanted) {
    const current =
      DISPOSITION_LABELS[
        (berkas.finalDisposition ?? 'dinilai_kembali') as keyof typeof DISPOSITION_LABELS
      ];
    return berkas.finalDisposition === 'dinilai_kembali'
      ? `${label} berketerangan Dinilai Kembali; lakukan penilaian kembali lebih dahulu.`
      : `${label} berketerangan ${current}; tidak dapat ${kind === 'disposal' ? 'dimusnahkan' : 'diserahkan'}.`;
  }
  return null;
}
