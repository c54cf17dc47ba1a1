import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor, SecurityClass } from '../../http/actor.ts';
import { conflict, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { allocateNumber } from '../numbering/numbering.service.ts';
import { NOTIFICATION_KINDS } from '../notify/notification.model.ts';
import { notifyUser } from '../notify/notify.service.ts';
import { highestClass, requireManage } from './archive.policy.ts';
import { BerkasModel, type Berkas } from './berkas.model.ts';
import { addDays, daysBetween, today } from './dates.ts';
import { BoxModel, type Box } from './location.model.ts';
import { LoanModel, LoanReminderModel, type Loan } from './loans.model.ts';
import { claimBerkas, releaseBerkas } from './locks.ts';
import { escapeRegex } from '../../lib/regex.ts';

export interface LoanInput {
  berkasIds: string[];
  borrowerName: string;
  borrowerNip?: string | undefined;
  borrowerUnit?: string | undefined;
  borrowerPhone?: string | undefined;
  borrowerUserId?: string | undefined;
  purpose: string;
  outDate?: string | undefined;
  dueDate: string;
}

export function berkasLabel(berkas: Pick<Berkas, 'number' | 'unitCode' | 'year'>): string {
  return `${berkas.number ?? '-'}/${berkas.unitCode}/${berkas.year}`;
}

export function loanNumberLabel(loan: Pick<Loan, 'number' | 'year'>): string {
  return loan.number ? `${String(loan.number).padStart(4, '0')}/PJM/${loan.year}` : '-';
}

const PENDING_GRACE_MS = 5 * 60_000;

async function loanIsLive(owner: string): Promise<boolean> {
  const loan = await LoanModel.findById(owner, { status: 1, createdAt: 1 }).lean<Loan>();
  if (!loan) return false;
  return (
    loan.status === 'out' ||
    (loan.status === 'pending' && now().getTime() - loan.createdAt.getTime() < PENDING_GRACE_MS)
  );
}

/**
 * Lends berkas to a borrower. Order (no transactions): the loan (pending) → an exclusive
 * claim on every berkas (a berkas is out to one borrower at a time) → the number of the
 * bukti peminjaman (the claim that makes the loan real) → the berkas show the loan. A
 * failure before the number undoes the claims and the pending loan.
 */
export async function createLoan(actor: Actor, input: LoanInput, ip?: string): Promise<Loan> {
  const ids = [...new Set(input.berkasIds)];
  if (!ids.every((id) => mongoose.isValidObjectId(id))) throw notFound('Berkas');
  const berkasList = await BerkasModel.find({ _id: { $in: ids } }).lean<Berkas[]>();
  if (berkasList.length !== ids.length) throw notFound('Salah satu berkas');
  requireManage(actor, highestClass(berkasList.map((b) => b.securityClass)) as SecurityClass);
  for (const berkas of berkasList) {
    if (berkas.status === 'disposed' || berkas.status === 'handed_over') {
      throw conflict(
        `Berkas ${berkasLabel(berkas)} sudah dimusnahkan atau diserahkan dan tidak dapat dipinjam.`,
      );
    }
  }
  const outDate = input.outDate ?? today();
  if (outDate > today())
    throw validationFailed('Tanggal pinjam tidak boleh setelah hari ini.', { field: 'outDate' });
  if (input.dueDate < outDate)
    throw validationFailed('Batas waktu pengembalian tidak boleh sebelum tanggal pinjam.', {
      field: 'dueDate',
    });
  if (input.dueDate > addDays(outDate, 366))
    throw validationFailed('Peminjaman paling lama satu tahun.', { field: 'dueDate' });
  const boxes = await BoxModel.find({
    _id: { $in: berkasList.map((b) => b.boxId).filter(Boolean) },
  }).lean<Box[]>();
  const boxById = new Map(boxes.map((b) => [String(b._id), b]));

  const id = new mongoose.Types.ObjectId();
  const year = Number(outDate.slice(0, 4));
  await LoanModel.create({
    _id: id,
    year,
    numberKey: `pending:${String(id)}`,
    status: 'pending',
    borrowerName: input.borrowerName,
    borrowerNip: input.borrowerNip ?? '',
    borrowerUnit: input.borrowerUnit ?? '',
    borrowerPhone: input.borrowerPhone ?? '',
    borrowerUserId:
      input.borrowerUserId && mongoose.isValidObjectId(input.borrowerUserId)
        ? new mongoose.Types.ObjectId(input.borrowerUserId)
        : null,
    purpose: input.purpose,
    berkasIds: berkasList.map((b) => b._id),
    items: berkasList.map((b) => {
      const box = b.boxId ? boxById.get(String(b.boxId)) : undefined;
      return {
        berkasId: b._id,
        label: berkasLabel(b),
        classificationCode: b.classificationCode,
        title: b.title,
        securityClass: b.securityClass,
        location: box
          ? [box.code, b.folder ? `map ${b.folder}` : ''].filter(Boolean).join(', ')
          : '',
      };
    }),
    outDate,
    dueDate: input.dueDate,
    lentBy: new mongoose.Types.ObjectId(actor.userId),
    lentByName: actor.name,
  });
  try {
    await claimBerkas({
      kind: 'loan',
      owner: String(id),
      berkasIds: berkasList.map((b) => b._id),
      isLive: loanIsLive,
      describe: async (berkasId) =>
        berkasLabel(berkasList.find((b) => String(b._id) === String(berkasId))!),
      busyMessage: (label) => `Berkas ${label} sedang dipinjam dan belum dikembalikan.`,
    });
    await allocateNumber({
      series: 'archive-loan',
      year,
      claim: async (number) => {
        try {
          const result = await LoanModel.updateOne(
            { _id: id, status: 'pending' },
            { $set: { number, numberKey: `loan:${year}:${number}`, status: 'out' } },
          );
          if (result.matchedCount === 0)
            throw conflict('Peminjaman ini sudah tidak berlaku. Ulangi.');
          return 'claimed';
        } catch (error) {
          if (isDuplicateKey(error)) return 'taken';
          throw error;
        }
      },
    });
  } catch (error) {
    await releaseBerkas('loan', String(id));
    await LoanModel.deleteOne({ _id: id, status: 'pending' });
    throw error;
  }
  await BerkasModel.updateMany(
    { _id: { $in: berkasList.map((b) => b._id) } },
    { $set: { loanId: id } },
  );
  const loan = (await LoanModel.findById(id).lean<Loan>())!;
  await recordAudit({
    actor,
    action: 'archive.loan.create',
    recordType: 'loan',
    recordId: String(id),
    after: loanSnapshot(loan),
    ip: ip ?? null,
  });
  return loan;
}

export async function loadLoan(id: string): Promise<Loan> {
  if (!mongoose.isValidObjectId(id)) throw notFound('Peminjaman');
  const loan = await LoanModel.findById(id).lean<Loan>();
  if (!loan || loan.status === 'pending') throw notFound('Peminjaman');
  return loan;
}

/** Records the return of everything lent: the berkas are free again. */
export async function returnLoan(
  actor: Actor,
  id: string,
  input: { returnedOn?: string | undefined; note?: string | undefined },
  ip?: string,
): Promise<Loan> {
  const loan = await loadLoan(id);
  requireManage(actor, highestClass(loan.items.map((i) => i.securityClass)) as SecurityClass);
  if (loan.status !== 'out') throw conflict('Peminjaman ini sudah dikembalikan.');
  const returnedOn = input.returnedOn ?? today();
  if (returnedOn > today())
    throw validationFailed('Tanggal kembali tidak boleh setelah hari ini.', {
      field: 'returnedOn',
    });
  if (returnedOn < loan.outDate)
    throw validationFailed('Tanggal kembali tidak boleh sebelum tanggal pinjam.', {
      field: 'returnedOn',
    });
  const result = await LoanModel.updateOne(
    { _id: loan._id, status: 'out' },
    {
      $set: {
        status: 'returned',
        returnedOn,
        returnedAt: now(),
        returnedByName: actor.name,
        returnNote: input.note ?? '',
      },
    },
  );
  if (result.matchedCount === 0)
    throw conflict('Peminjaman ini baru saja dikembalikan oleh pengguna lain.');
  await BerkasModel.updateMany(
    { _id: { $in: loan.berkasIds }, loanId: loan._id },
    { $set: { loanId: null } },
  );
  await releaseBerkas('loan', String(loan._id));
  const after = (await LoanModel.findById(loan._id).lean<Loan>())!;
  await recordAudit({
    actor,
    action: 'archive.loan.return',
    recordType: 'loan',
    recordId: id,
    before: loanSnapshot(loan),
    after: loanSnapshot(after),
    ip: ip ?? null,
  });
  return after;
}

export async function listLoans(
  actor: Actor,
  query: {
    status?: 'out' | 'returned' | 'overdue' | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: Loan[]; total: number }> {
  requireManage(actor);
  // One `status` equality per status shown ($in is not pushed down on FerretDB), the
  // overdue date and the name checked on the loans it finds; sorted and paged here.
  const statuses =
    query.status === 'overdue' ? ['out'] : query.status ? [query.status] : ['out', 'returned'];
  const day = today();
  const name = query.q ? new RegExp(escapeRegex(query.q), 'i') : null;
  const found = (
    await Promise.all(statuses.map((status) => LoanModel.find({ status } as never).lean<Loan[]>()))
  )
    .flat()
    .filter(
      (loan) =>
        (query.status !== 'overdue' || loan.dueDate < day) &&
        (!name || name.test(loan.borrowerName)),
    )
    .sort(
      (a, b) =>
        a.status.localeCompare(b.status) ||
        a.dueDate.localeCompare(b.dueDate) ||
        String(b._id).localeCompare(String(a._id)),
    );
  const start = (query.page - 1) * query.pageSize;
  return { items: found.slice(start, start + query.pageSize), total: found.length };
}

const OVERDUE_KIND = 'archive.loan_overdue';

/**
 * Daily overdue reminders: one per overdue loan per day (the unique reminder id decides
 * which replica sends it), to the archivist who lent it and to the borrower when they are
 * a Lontar user. The loan shows the latest reminder whatever the notification channel.
 */
export async function runLoanReminderScan(): Promise<{ reminded: number }> {
  const day = today();
  const overdue = await LoanModel.find({
    status: 'out',
    dueDate: { $lt: day },
    $or: [{ lastReminderOn: null }, { lastReminderOn: { $lt: day } }],
  }).lean<Loan[]>();
  let reminded = 0;
  for (const loan of overdue) {
    const daysOverdue = daysBetween(loan.dueDate, day);
    try {
      await LoanReminderModel.create({
        _id: `${String(loan._id)}:${day}`,
        loanId: loan._id,
        day,
        daysOverdue,
        at: now(),
      });
    } catch (error) {
      if (isDuplicateKey(error)) continue;
      throw error;
    }
    let notified = 0;
    if ((NOTIFICATION_KINDS as readonly string[]).includes(OVERDUE_KIND)) {
      const input = {
        kind: OVERDUE_KIND as (typeof NOTIFICATION_KINDS)[number],
        title: `Peminjaman arsip ${loanNumberLabel(loan)} terlambat ${daysOverdue} hari`,
        body: `${loan.borrowerName} meminjam ${loan.items.length} berkas sejak ${loan.outDate}; batas pengembalian ${loan.dueDate}.`,
        link: `/arsip/peminjaman?loan=${String(loan._id)}`,
        dedupeKey: `archive-loan-overdue:${String(loan._id)}:${day}`,
      };
      for (const userId of [loan.lentBy, loan.borrowerUserId].filter(Boolean)) {
        if (await notifyUser(userId!, input)) notified++;
      }
    }
    await LoanReminderModel.updateOne(
      { _id: `${String(loan._id)}:${day}` },
      { $set: { notified } },
    );
    await LoanModel.updateOne(
      { _id: loan._id },
      { $set: { lastReminderOn: day }, $inc: { reminderCount: 1 } },
    );
    reminded++;
  }
  return { reminded };
}

export function loanSnapshot(loan: Loan): Record<string, unknown> {
  return {
    number: loanNumberLabel(loan),
    status: loan.status,
    borrowerName: loan.borrowerName,
    berkas: loan.items.map((i) => i.label),
    outDate: loan.outDate,
    dueDate: loan.dueDate,
    returnedOn: loan.returnedOn,
  };
}
