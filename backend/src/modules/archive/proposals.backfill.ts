import { backfillKeys } from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import { ProposalModel, proposalKeys, type Proposal } from './proposals.model.ts';

/** Gives proposals stored before `approverPositionIds` existed their copy (lib/backfill.ts). */
export async function backfillProposalKeys(
  options: { force?: boolean; logger?: Logger; batchSize?: number } = {},
): Promise<{ scanned: number; updated: number }> {
  return backfillKeys<Proposal>(
    {
      marker: 'archive-proposal-keys',
      version: 1,
      model: ProposalModel as never,
      fields: ['approverPositionIds'],
      inputs: ['approvals'],
      keys: (proposal) => proposalKeys(proposal),
      batchSize: 500,
      message: 'archive proposals: approver keys backfilled',
    },
    options,
  );
}
