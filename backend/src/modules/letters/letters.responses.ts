import { z } from 'zod';
import { idString } from '../../http/responses.ts';

/** What the letters routes answer beyond letters.presenter.ts's schemas. */

/** POST /api/incoming-letters/check-duplicates (duplicates.service.ts DuplicateHit). */
export const duplicateCheckJson = z
  .object({
    duplicates: z.array(
      z
        .object({
          letterId: idString,
          agendaNumber: z.number().int().nullable(),
          agendaYear: z.number().int(),
          register: z.string(),
          receivedDate: z.string(),
          reason: z.enum(['same_sender_and_number', 'same_file']),
        })
        .meta({ id: 'DuplicateHit' }),
    ),
  })
  .meta({ id: 'DuplicateCheck' });
