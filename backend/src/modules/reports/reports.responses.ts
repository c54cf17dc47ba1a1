import { z } from 'zod';

const tally = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
const followUp = {
  received: z.number().int(),
  doneOnTime: z.number().int(),
  doneLate: z.number().int(),
  openOverdue: z.number().int(),
  openOnTrack: z.number().int(),
  withdrawn: z.number().int(),
  medianFollowUpDays: z.number().nullable(),
  followedUp: z.number().int(),
};

export const reportJson = z
  .object({
    period: z.object({
      kind: z.enum(['month', 'year']),
      year: z.number().int(),
      month: z.number().int().nullable(),
      label: z.string(),
      from: z.string(),
      to: z.string(),
    }),
    unit: z.object({ unitId: z.string(), code: z.string(), name: z.string() }),
    units: z.array(
      z.object({ unitId: z.string(), code: z.string(), name: z.string(), depth: z.number().int() }),
    ),
    generatedAt: z.string(),
    letters: z.object({
      received: z.number().int(),
      sent: z.number().int(),
      incoming: z.object({
        byRegister: z.array(tally),
        bySenderCategory: z.array(tally),
        byClassification: z.array(tally),
        bySecurityClass: z.array(tally),
        byChannel: z.array(tally),
      }),
      outgoing: z.object({
        byRecipientCategory: z.array(tally),
        byClassification: z.array(tally),
        bySecurityClass: z.array(tally),
        byChannel: z.array(tally),
      }),
      byUnit: z.array(
        z.object({
          unitId: z.string(),
          name: z.string(),
          received: z.number().int(),
          sent: z.number().int(),
        }),
      ),
    }),
    followUp: z.object({
      totals: z.object(followUp),
      rows: z.array(
        z.object({ unitId: z.string(), name: z.string(), self: z.boolean(), ...followUp }),
      ),
    }),
    monitoring: z.object({
      generatedAt: z.string(),
      windowDays: z.number().int(),
      open: z.number().int(),
      overdue: z.number().int(),
      medianFollowUpHours: z.number().nullable(),
      rows: z.array(
        z.object({
          unitId: z.string(),
          name: z.string(),
          open: z.number().int(),
          overdue: z.number().int(),
          medianFollowUpHours: z.number().nullable(),
        }),
      ),
    }),
    meetings: z.object({
      available: z.boolean(),
      held: z.number().int(),
      decisions: z.object({
        done: z.number().int(),
        late: z.number().int(),
        open: z.number().int(),
        total: z.number().int(),
      }),
      byUnit: z.array(
        z.object({
          unitId: z.string(),
          unitName: z.string(),
          done: z.number().int(),
          late: z.number().int(),
          open: z.number().int(),
        }),
      ),
    }),
    archive: z.array(tally),
    charts: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        /** Apache ECharts options (plain JSON), drawn as they are by the screen and the PDF. */
        option: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: 'PeriodReport' });
