import type { SecurityClass } from '../../http/actor.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { rolesFor } from '../policy/policy.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { fileStorage } from '../files/file-storage.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { canReadBerkas, highestClass, requireManage } from './archive.policy.ts';
import {
  boxesById,
  presentBerkas,
  presentBox,
  presentLoan,
  presentProposal,
} from './archive.presenter.ts';
import {
  boxInputSchema,
  boxListQuery,
  boxUpdateSchema,
  dashboardQuery,
  decisionSchema,
  dueQuery,
  idParams,
  loanCreateSchema,
  loanListQuery,
  loanReturnSchema,
  proposalCreateSchema,
  proposalDocParams,
  proposalListQuery,
  reasonSchema,
} from './archive.schema.ts';
import { requireArchiveUser, send } from './archive.routes.ts';
import { BerkasModel, type Berkas } from './berkas.model.ts';
import { listDue, retentionDashboard } from './dashboard.service.ts';
import { createBox, listBoxes, loadBox, updateBox } from './location.service.ts';
import {
  createLoan,
  listLoans,
  loadLoan,
  loanNumberLabel,
  returnLoan,
  runLoanReminderScan,
} from './loans.service.ts';
import { renderBoxLabel } from './pdf/box-label.ts';
import { beritaAcaraNumber } from './pdf/berita-acara.ts';
import { renderProposalList } from './pdf/lists.ts';
import { renderLoanReceipt } from './pdf/loan-receipt.ts';
import { executeProposal } from './proposals.execute.ts';
import {
  cancelProposal,
  canSeeProposal,
  decide,
  listProposals,
  loadProposal,
  propose,
} from './proposals.service.ts';
import {
  boxJson,
  boxListJson,
  dashboardJson,
  dueListJson,
  loanJson,
  loanListJson,
  proposalJson,
  proposalListJson,
} from './archive.responses.ts';

const TAGS = ['arsip'];
const KIND_FILE = {
  transfer: 'pemindahan',
  disposal: 'pemusnahan',
  handover: 'penyerahan',
} as const;

export function archiveOpsRoutes(services: Services) {
  const storage = fileStorage(services.config);
  return [
    defineRoute({
      method: 'get',
      path: '/api/archive/dashboard',
      summary:
        'Dasbor retensi: jatuh tempo pemindahan, pemusnahan, penyerahan, legal hold; per unit',
      tags: TAGS,
      response: { schema: dashboardJson },
      query: dashboardQuery,
      async handler(_ctx, { actor, query }) {
        requireArchiveUser(actor);
        return retentionDashboard(actor, query.asOf, query.unitId);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/due',
      summary: 'Berkas jatuh tempo menurut kategori (per tanggal `asOf`)',
      tags: TAGS,
      response: { schema: dueListJson },
      query: dueQuery,
      async handler(_ctx, { actor, query }) {
        requireArchiveUser(actor);
        const result = await listDue(actor, query);
        const boxes = await boxesById(result.items);
        return {
          asOf: result.asOf,
          total: result.total,
          items: result.items.map((b) => presentBerkas(actor, b, boxes)),
        };
      },
    }),

    // --- Locations.
    defineRoute({
      method: 'get',
      path: '/api/archive/boxes',
      summary: 'Boks arsip dan lokasinya',
      tags: TAGS,
      response: { schema: boxListJson },
      query: boxListQuery,
      async handler(_ctx, { actor, query }) {
        requireArchiveUser(actor);
        const result = await listBoxes(query);
        return { total: result.total, items: result.items.map(presentBox) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/boxes',
      summary: 'Tambah boks (kode otomatis bila kosong)',
      tags: TAGS,
      roles: rolesFor('archive.manage'),
      body: boxInputSchema,
      response: { status: 201, schema: boxJson },
      async handler(ctx, { actor, body }) {
        const box = await createBox(actor, body, ctx.ip);
        ctx.status = 201;
        return presentBox(box);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/archive/boxes/:id',
      summary: 'Ubah lokasi atau nonaktifkan boks',
      tags: TAGS,
      response: { schema: boxJson },
      roles: rolesFor('archive.manage'),
      params: idParams,
      body: boxUpdateSchema,
      async handler(ctx, { actor, params, body }) {
        return presentBox(await updateBox(actor, params.id, body, ctx.ip));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/boxes/:id/label.pdf',
      summary: 'Label boks dan daftar isinya (PDF)',
      tags: TAGS,
      params: idParams,
      response: { contentType: 'application/pdf' },
      async handler(ctx, { actor, params }) {
        requireArchiveUser(actor);
        const box = await loadBox(params.id);
        const contents = await BerkasModel.find({
          boxId: box._id,
          status: { $nin: ['disposed', 'handed_over'] },
        })
          .sort({ classificationCode: 1, year: 1, number: 1 })
          .lean<Berkas[]>();
        const body = await renderBoxLabel(
          box,
          contents.map((berkas) => ({ berkas, readable: canReadBerkas(actor, berkas) })),
          actor.name,
          now(),
        );
        send(
          ctx,
          { body, contentType: 'application/pdf', fileName: `label-${box.code}.pdf` },
          'inline',
        );
      },
    }),

    // --- Lending.
    defineRoute({
      method: 'get',
      path: '/api/archive/loans',
      summary: 'Peminjaman arsip (dipinjam, dikembalikan, terlambat)',
      tags: TAGS,
      response: { schema: loanListJson },
      roles: rolesFor('archive.manage'),
      query: loanListQuery,
      async handler(_ctx, { actor, query }) {
        // Reminders are also sent by the periodic scan; looking at the list makes sure
        // today's are out even on a quiet replica.
        await runLoanReminderScan();
        const result = await listLoans(actor, query);
        return { total: result.total, items: result.items.map(presentLoan) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/loans',
      summary: 'Catat peminjaman berkas',
      tags: TAGS,
      roles: rolesFor('archive.manage'),
      body: loanCreateSchema,
      response: { status: 201, schema: loanJson },
      async handler(ctx, { actor, body }) {
        const loan = await createLoan(actor, body, ctx.ip);
        ctx.status = 201;
        return presentLoan(loan);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/loans/:id',
      summary: 'Satu peminjaman',
      tags: TAGS,
      response: { schema: loanJson },
      roles: rolesFor('archive.manage'),
      params: idParams,
      async handler(_ctx, { actor, params }) {
        requireManage(actor);
        return presentLoan(await loadLoan(params.id));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/loans/:id/return',
      summary: 'Catat pengembalian',
      tags: TAGS,
      response: { schema: loanJson },
      roles: rolesFor('archive.manage'),
      params: idParams,
      body: loanReturnSchema,
      async handler(ctx, { actor, params, body }) {
        return presentLoan(await returnLoan(actor, params.id, body, ctx.ip));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/loans/:id/receipt.pdf',
      summary: 'Bukti peminjaman (PDF)',
      tags: TAGS,
      roles: rolesFor('archive.manage'),
      params: idParams,
      response: { contentType: 'application/pdf' },
      async handler(ctx, { actor, params }) {
        const loan = await loadLoan(params.id);
        requireManage(actor, highestClass(loan.items.map((i) => i.securityClass)));
        const lender = await UserModel.findById(loan.lentBy, { nip: 1 }).lean<User>();
        const body = await renderLoanReceipt(loan, lender?.nip ?? null, now());
        send(
          ctx,
          {
            body,
            contentType: 'application/pdf',
            fileName: `bukti-peminjaman-${loanNumberLabel(loan).replace(/\//g, '-')}.pdf`,
          },
          'inline',
        );
      },
    }),

    // --- Transfer, disposal, handover.
    defineRoute({
      method: 'get',
      path: '/api/archive/proposals',
      summary: 'Usulan pemindahan, pemusnahan, penyerahan',
      tags: TAGS,
      response: { schema: proposalListJson },
      query: proposalListQuery,
      async handler(_ctx, { actor, query }) {
        const result = await listProposals(actor, query);
        return { total: result.total, items: result.items.map((p) => presentProposal(actor, p)) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/proposals',
      summary: 'Ajukan usulan (berkas harus jatuh tempo, bebas legal hold dan pinjaman)',
      tags: TAGS,
      roles: rolesFor('archive.manage'),
      body: proposalCreateSchema,
      response: { status: 201, schema: proposalJson },
      async handler(ctx, { actor, body }) {
        const proposal = await propose(actor, body, ctx.ip);
        ctx.status = 201;
        return presentProposal(actor, proposal);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/proposals/:id',
      summary: 'Satu usulan',
      tags: TAGS,
      response: { schema: proposalJson },
      params: idParams,
      async handler(_ctx, { actor, params }) {
        const proposal = await loadProposal(params.id);
        if (!canSeeProposal(actor, proposal))
          throw forbidden('Anda tidak berwenang melihat usulan ini.');
        return presentProposal(actor, proposal);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/proposals/:id/decision',
      summary: 'Setujui atau tolak (pejabat penyetuju yang sedang ditunggu)',
      tags: TAGS,
      response: { schema: proposalJson },
      params: idParams,
      body: decisionSchema,
      async handler(ctx, { actor, params, body }) {
        return presentProposal(actor, await decide(actor, params.id, body, ctx.ip));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/proposals/:id/cancel',
      summary: 'Batalkan usulan yang belum dilaksanakan',
      tags: TAGS,
      response: { schema: proposalJson },
      roles: rolesFor('archive.manage'),
      params: idParams,
      body: reasonSchema,
      async handler(ctx, { actor, params, body }) {
        return presentProposal(actor, await cancelProposal(actor, params.id, body.reason, ctx.ip));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/archive/proposals/:id/execute',
      summary: 'Laksanakan usulan yang disetujui; menghasilkan berita acara dan daftar',
      tags: TAGS,
      response: { schema: proposalJson },
      roles: rolesFor('archive.manage'),
      params: idParams,
      async handler(ctx, { actor, params }) {
        return presentProposal(actor, await executeProposal(services, actor, params.id, ctx.ip));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/archive/proposals/:id/documents/:doc',
      summary: 'Berita acara, daftar arsip (PDF) atau paket penyerahan (zip)',
      tags: TAGS,
      params: proposalDocParams,
      response: { contentType: 'application/octet-stream', description: 'PDF atau zip' },
      async handler(ctx, { actor, params }) {
        const proposal = await loadProposal(params.id);
        if (!canSeeProposal(actor, proposal))
          throw forbidden('Anda tidak berwenang melihat usulan ini.');
        const base =
          `${KIND_FILE[proposal.kind as keyof typeof KIND_FILE]}-${proposal.baNumber ? beritaAcaraNumber(proposal) : 'usulan'}`.replace(
            /[^A-Za-z0-9.-]+/g,
            '-',
          );
        if (params.doc === 'daftar' && !proposal.list) {
          send(
            ctx,
            {
              body: await renderProposalList(proposal, actor.name, now()),
              contentType: 'application/pdf',
              fileName: `daftar-${base}.pdf`,
            },
            'inline',
          );
          return;
        }
        const document =
          params.doc === 'berita-acara'
            ? proposal.beritaAcara
            : params.doc === 'daftar'
              ? proposal.list
              : proposal.package;
        if (!document)
          throw notFound(
            params.doc === 'paket'
              ? 'Paket penyerahan'
              : 'Berita acara (usulan belum dilaksanakan)',
          );
        if (params.doc === 'paket') requireManage(actor, proposal.securityClass as SecurityClass);
        const zip = params.doc === 'paket';
        ctx.set('Content-Type', zip ? 'application/zip' : 'application/pdf');
        ctx.set(
          'Content-Disposition',
          `${zip ? 'attachment' : 'inline'}; filename="${zip ? `paket-${base}.zip` : `${params.doc}-${base}.pdf`}"`,
        );
        ctx.set('Cache-Control', 'private, no-store');
        ctx.set('X-Content-SHA256', document.sha256);
        ctx.length = document.size;
        ctx.body = await storage.get(document.key);
      },
    }),
  ];
}
