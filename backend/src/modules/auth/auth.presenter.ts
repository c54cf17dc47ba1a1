import type { Actor } from '../../http/actor.ts';
import { now } from '../../lib/clock.ts';
import type { User } from '../org/org.model.ts';
import { positionDisplayTitle } from '../org/org.service.ts';
import type { ApiToken, Session } from './auth.model.ts';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function presentHeldPositions(actor: Actor) {
  return actor.positions.map((p) => ({
    id: p.id,
    key: p.key ?? '',
    title: p.title,
    displayTitle: positionDisplayTitle({
      title: p.title,
      acting: p.acting,
      actingKind: p.actingKind ?? null,
    }),
    kind: p.kind ?? '',
    unitId: p.unitId,
    unitCode: p.unitCode ?? '',
    unitName: p.unitName ?? '',
    acting: p.acting,
    actingKind: p.acting ? (p.actingKind ?? 'plh') : null,
  }));
}

export function presentSessionAnswer(actor: Actor, user: User, session: Session | null) {
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      name: actor.name,
      nip: user.nip ?? null,
      nik: user.nik ?? null,
      email: user.email ?? null,
      phone: user.phone ?? null,
      rank: user.rank ?? null,
      grade: user.grade ?? null,
      roles: actor.roles,
      clearance: actor.clearance,
      positions: presentHeldPositions(actor),
      demoPassword: Boolean(user.demoPassword),
    },
    csrfToken: session?.csrfToken ?? null,
    session: {
      via: actor.via,
      idleExpiresAt: iso(session?.idleExpiresAt),
      expiresAt: iso(session?.absoluteExpiresAt),
    },
  };
}

export function presentToken(token: ApiToken) {
  const at = now();
  return {
    id: String(token._id),
    userId: String(token.userId),
    name: token.name,
    prefix: token.prefix,
    createdAt: iso(token.createdAt)!,
    expiresAt: iso(token.expiresAt),
    lastUsedAt: iso(token.lastUsedAt),
    revokedAt: iso(token.revokedAt),
    active: !token.revokedAt && (!token.expiresAt || new Date(token.expiresAt) > at),
  };
}
