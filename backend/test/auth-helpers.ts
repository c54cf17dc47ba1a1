import type supertest from 'supertest';
import type { Actor } from '../src/http/actor.ts';
import { buildActor } from '../src/modules/auth/actor.service.ts';
import { DEMO_PASSWORD } from '../src/modules/auth/password.ts';
import { createApiToken } from '../src/modules/auth/token.service.ts';
import { findUserByUsername } from '../src/modules/org/org.service.ts';
import { seedDemoOrganisation } from '../src/modules/org/org.seed.ts';

export { seedDemoOrganisation, DEMO_PASSWORD };

export interface LoggedInUser {
  id: string;
  username: string;
  name: string;
  roles: string[];
  clearance: string;
  positions: Array<{ id: string; key: string; title: string; unitId: string; acting: boolean }>;
}

export type LoggedInAgent = supertest.Agent & { csrfToken: string; user: LoggedInUser };

type RequestFactory = (() => supertest.Agent) | { request: () => supertest.Agent };

/** Logs a demo user in (password `lontar-demo` unless given) and returns a supertest agent
 * that carries the session cookie and sends X-CSRF-Token on every request. Call
 * `seedDemoOrganisation()` once per test file first.
 *
 *   const sekda = await loginAs(ctx, 'sekda');
 *   await sekda.post('/api/...').send({...}).expect(201);
 */
export async function loginAs(
  from: RequestFactory,
  username: string,
  password: string = DEMO_PASSWORD,
): Promise<LoggedInAgent> {
  const agent = typeof from === 'function' ? from() : from.request();
  const response = await agent.post('/api/auth/login').send({ username, password });
  if (response.status !== 200) {
    throw new Error(
      `login as ${username} failed: ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  agent.set('X-CSRF-Token', response.body.csrfToken);
  return Object.assign(agent, {
    csrfToken: response.body.csrfToken as string,
    user: response.body.user as LoggedInUser,
  });
}

/** The Actor of a demo user as the auth middleware would build it now (for service-level
 * tests that call services directly). */
export async function actorFor(username: string): Promise<Actor> {
  const user = await findUserByUsername(username);
  if (!user) throw new Error(`no user ${username}; did you seed?`);
  const actor = await buildActor(user._id, 'session');
  if (!actor) throw new Error(`user ${username} is inactive`);
  return actor;
}

/** A personal API token of a demo user, for `Authorization: Bearer …` requests. */
export async function bearerFor(username: string): Promise<string> {
  const actor = await actorFor(username);
  const { token } = await createApiToken(
    actor,
    { userId: actor.userId, name: 'test', expiresAt: null },
    '127.0.0.1',
  );
  return `Bearer ${token}`;
}
