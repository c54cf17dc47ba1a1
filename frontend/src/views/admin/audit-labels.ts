import { hasMessage, translate } from '@/i18n/index.ts';
import { formatDateTime } from '@/lib/format.ts';

/** Readable names for audit action codes and record types, for the screen's filters. The
 * events themselves are shown as the sentence the server writes (backend
 * audit.sentences.ts); the codes appear only in the "Rincian". */
const keyOf = (code: string) => code.replace(/[.-]/g, '_');

export function actionLabel(action: string): string {
  const key = `admin.audit.actions.${keyOf(action)}`;
  return hasMessage(key) ? translate(key) : action;
}

export function recordTypeLabel(recordType: string): string {
  const key = `admin.audit.records.${keyOf(recordType)}`;
  return hasMessage(key) ? translate(key) : recordType;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A changed value as text for people: strings without quotes, instants in WIB, null as a
 * dash, lists joined, anything else as compact JSON. */
export function changeValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatDateTime(value) : value;
  if (typeof value === 'boolean') return value ? 'ya' : 'tidak';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return value.join(', ') || '—';
  return JSON.stringify(value);
}

/** Prefix filters (the API matches an action prefix ending in a dot). */
export const ACTION_GROUPS = [
  'auth.',
  'token.',
  'org.',
  'incoming.',
  'disposition.',
  'outgoing.',
  'archive.',
  'calendar.',
  'import.',
];

export function actionGroupLabel(prefix: string): string {
  return translate(`admin.audit.groups.${prefix.replace(/\.$/, '')}`);
}

export const KNOWN_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.lockout',
  'auth.password_change',
  'token.create',
  'token.revoke',
  'org.user.create',
  'org.user.update',
  'org.user.password_reset',
  'org.unit.create',
  'org.unit.update',
  'org.position.create',
  'org.position.update',
  'org.assignment.create',
  'org.assignment.end',
  'org.assignment.cancel',
  'incoming.register',
  'incoming.read',
  'incoming.correct',
  'incoming.void',
  'incoming.done',
  'disposition.create',
  'disposition.forward',
  'disposition.read',
  'disposition.report',
  'disposition.complete',
  'disposition.conclude',
  'disposition.cancel',
  'disposition.return',
  'outgoing.sign',
  'outgoing.dispatch',
];

export const KNOWN_RECORD_TYPES = [
  'user',
  'unit',
  'position',
  'assignment',
  'api-token',
  'incoming-letter',
  'outgoing-letter',
  'disposition',
  'holiday',
  'berkas',
  'box',
  'loan',
  'archive-proposal',
  'retention-rule',
  'import-batch',
];
