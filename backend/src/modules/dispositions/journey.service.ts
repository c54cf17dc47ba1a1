import { z } from 'zod';
import type { Actor } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { holdersOfPositions } from '../org/org.service.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { canSeeReport, canViewJourney } from './dispositions.policy.ts';
import { presentDisposition, presentLetterSummary } from './dispositions.presenter.ts';
import {
  dispositionJson,
  letterSummaryJson,
  reportJson,
  type ReportJson,
} from './dispositions.schema.ts';
import { getLetter } from './letter-link.ts';
import { DispositionReportModel, type DispositionReport } from './report.model.ts';
import { DISPOSITION_STATUSES, isOpen, type DispositionStatus } from './state-machine.ts';
import { presentReport } from './dispositions.presenter.ts';

/** The letter's journey: every hop as a tree, with who holds what since when, and for each
 * node (and the letter) whom it is waiting on right now, computed from the live nodes. */

const waitingJson = z.object({
  dispositionId: z.string(),
  positionId: z.string(),
  positionTitle: z.string(),
  holders: z.array(z.object({ name: z.string(), acting: z.boolean() })),
  status: z.enum(DISPOSITION_STATUSES),
  since: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  daysLate: z.number().int(),
});

export const journeyNodeJson = dispositionJson
  .extend({
    holders: z.array(z.object({ name: z.string(), acting: z.boolean() })),
    reports: z.array(reportJson),
    /** Reports in this node the caller may not read (other branches). */
    hiddenReportCount: z.number().int(),
    waitingOn: z.array(waitingJson),
    get children() {
      return z.array(journeyNodeJson);
    },
  })
  .meta({ id: 'JourneyNode' });
export type JourneyNode = z.infer<typeof journeyNodeJson>;

export const journeyJson = z.object({
  letter: letterSummaryJson,
  waitingOn: z.array(waitingJson),
  tree: z.array(journeyNodeJson),
  totals: z.object({
    nodes: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
    done: z.number().int(),
  }),
});

export async function letterJourney(
  actor: Actor,
  letterId: string,
): Promise<z.infer<typeof journeyJson>> {
  const letter = await getLetter(actor, letterId);
  if (!canViewJourney(actor, letter))
    throw forbidden('Alur disposisi surat rahasia hanya dapat dilihat oleh pejabat dalam alurnya.');
  const at = now();
  // One read each by `letterId`: the tree (a letter has a handful of nodes, sorted here) and
  // every report, of which the actor sees some and is told how many are hidden.
  const [nodes, allReports] = await Promise.all([
    DispositionModel.find({ letterId: letter._id }).lean<Disposition[]>(),
    DispositionReportModel.find({ letterId: letter._id }).lean<DispositionReport[]>(),
  ]);
  nodes.sort(
    (a, b) =>
      new Date(a.sentAt).getTime() - new Date(b.sentAt).getTime() ||
      String(a._id).localeCompare(String(b._id)),
  );
  const reports = allReports
    .filter((r) => canSeeReport(actor, r))
    .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
  const openPositions = [
    ...new Set(
      nodes.filter((n) => isOpen(n.status as DispositionStatus)).map((n) => String(n.toPositionId)),
    ),
  ];
  const holdersByPosition = await holdersOfPositions(openPositions, at);
  const holders = new Map(
    [...holdersByPosition].map(([id, list]) => [
      id,
      list.map((h) => ({ name: h.name, acting: h.acting })),
    ]),
  );
  const reportsByNode = groupBy(reports.map(presentReport), (r) => r.dispositionId);
  const totalByNode = new Map<string, number>();
  for (const r of allReports)
    totalByNode.set(String(r.dispositionId), (totalByNode.get(String(r.dispositionId)) ?? 0) + 1);
  const childrenOf = groupBy(nodes, (n) => (n.parentId ? String(n.parentId) : 'root'));

  const build = (node: Disposition): JourneyNode => {
    const id = String(node._id);
    const children = (childrenOf.get(id) ?? []).map(build);
    const json = presentDisposition(node, at);
    const visible = reportsByNode.get(id) ?? [];
    const waitingOn = !isOpen(node.status as DispositionStatus)
      ? []
      : children.some((c) => isOpen(c.status))
        ? children.flatMap((c) => c.waitingOn)
        : [
            {
              dispositionId: id,
              positionId: json.to.positionId,
              positionTitle: json.to.positionTitle,
              holders: holders.get(json.to.positionId) ?? [],
              status: json.status,
              since: json.sentAt,
              dueDate: json.dueDate,
              overdue: json.overdue,
              daysLate: json.daysLate,
            },
          ];
    return {
      ...json,
      holders: isOpen(node.status as DispositionStatus)
        ? (holders.get(json.to.positionId) ?? [])
        : [],
      reports: visible,
      hiddenReportCount: (totalByNode.get(id) ?? 0) - visible.length,
      waitingOn,
      children,
    };
  };
  const tree = (childrenOf.get('root') ?? []).map(build);
  const flat = nodes.map((n) => presentDisposition(n, at));
  return {
    letter: presentLetterSummary(letter),
    waitingOn: tree.flatMap((n) => n.waitingOn),
    tree,
    totals: {
      nodes: flat.length,
      open: flat.filter((n) => isOpen(n.status)).length,
      overdue: flat.filter((n) => n.overdue).length,
      done: flat.filter((n) => n.status === 'selesai').length,
    },
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export type { ReportJson };
