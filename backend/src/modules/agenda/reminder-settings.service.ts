import type { Actor } from '../../http/actor.ts';
import { notFound } from '../../http/errors.ts';
import { getPosition } from '../org/org.service.ts';
import { authorize } from '../policy/policy.ts';
import { agendaResource } from './agenda.service.ts';
import {
  AgendaReminderSettingsModel,
  DEFAULT_REMIND_BEFORE,
  MAX_REMINDERS,
  REMIND_OPTIONS,
  normalizeLeads,
  saveDefaultLeads,
  type AgendaReminderSettings,
} from './reminder-settings.ts';

const NOT_ALLOWED = 'Anda tidak berhak mengatur pengingat agenda jabatan ini.';

function present(positionId: string, remindBefore: number[], isDefault: boolean) {
  return {
    positionId,
    remindBefore,
    isDefault,
    options: [...REMIND_OPTIONS],
    maxReminders: MAX_REMINDERS,
  };
}

/** A position's default lead times, for its holder (or Plt/Plh) and its agenda keepers. */
export async function getReminderSettings(actor: Actor, positionId: string) {
  if (!(await getPosition(positionId))) throw notFound('Jabatan');
  authorize(actor, 'agenda.remind', await agendaResource(positionId), NOT_ALLOWED);
  const settings = await AgendaReminderSettingsModel.findOne({
    positionId,
  }).lean<AgendaReminderSettings>();
  return settings
    ? present(positionId, normalizeLeads(settings.remindBefore), false)
    : present(positionId, DEFAULT_REMIND_BEFORE, true);
}

export async function setReminderSettings(
  actor: Actor,
  positionId: string,
  remindBefore: number[],
) {
  if (!(await getPosition(positionId))) throw notFound('Jabatan');
  authorize(actor, 'agenda.remind', await agendaResource(positionId), NOT_ALLOWED);
  return present(positionId, await saveDefaultLeads(positionId, remindBefore, actor.name), false);
}
