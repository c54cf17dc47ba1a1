import type { Context } from 'koa';
import { z } from 'zod';
import { AppError, unauthenticated } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import { UserModel, type User } from '../org/org.model.ts';
import type { Session } from './auth.model.ts';
import { presentSessionAnswer, presentToken } from './auth.presenter.ts';
import {
  changePasswordBody,
  createTokenBody,
  createdTokenSchema,
  idParams,
  loginBody,
  pinStatusSchema,
  profileBody,
  setPinBody,
  sessionAnswer,
  sessionProbeAnswer,
  tokenListQuery,
  tokenSchema,
} from './auth.schema.ts';
import { changeOwnPassword, login, logout, updateOwnProfile } from './auth.service.ts';
import { pinStatus, setOwnPin } from './reauth.service.ts';
import { clearedSessionCookie, revokeSession, sessionCookie } from './session.service.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './token.service.ts';

/** A throttled answer tells the client when to try again (RFC 9110 Retry-After). */
export function retryAfter(ctx: Context, error: unknown): void {
  const retry = (error as AppError).details as { retryAfterSeconds?: number } | undefined;
  if (error instanceof AppError && retry?.retryAfterSeconds)
    ctx.set('Retry-After', String(retry.retryAfterSeconds));
}

const client = (ctx: Context) => ({ ip: ctx.ip, userAgent: ctx.get('user-agent') || null });

export function authRoutes(services: Services) {
  const secureCookie = services.config.LONTAR_MODE === 'production';
  const loadUser = async (userId: string) => {
    const user = await UserModel.findById(userId).lean<User>();
    if (!user) throw unauthenticated();
    return user;
  };
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Masuk dengan nama pengguna dan kata sandi; membuka sesi (cookie lontar_session)',
      tags: ['autentikasi'],
      access: 'public',
      body: loginBody,
      response: { schema: sessionAnswer },
      async handler(ctx, { body }) {
        const { actor, issued } = await login(
          services,
          body.username,
          body.password,
          client(ctx),
        ).catch((error: unknown) => {
          const retry = (error as AppError).details as { retryAfterSeconds?: number } | undefined;
          if (error instanceof AppError && retry?.retryAfterSeconds) {
            ctx.set('Retry-After', String(retry.retryAfterSeconds));
          }
          throw error;
        });
        // The session the browser had (if any) ends: one login, one live session per cookie.
        const previous = ctx.state.session as Session | undefined;
        if (previous) await revokeSession(previous._id);
        ctx.append('Set-Cookie', sessionCookie(issued.token, secureCookie));
        ctx.set('Cache-Control', 'no-store');
        return presentSessionAnswer(actor, await loadUser(actor.userId), issued.session);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Keluar: mengakhiri sesi ini',
      tags: ['autentikasi'],
      response: { status: 204 },
      async handler(ctx, { actor }) {
        await logout(actor, ctx.ip);
        ctx.append('Set-Cookie', clearedSessionCookie(secureCookie));
        ctx.status = 204;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      summary: 'Pengguna yang sedang masuk, jabatannya hari ini (termasuk Plt/Plh) dan token CSRF',
      tags: ['autentikasi'],
      response: { schema: sessionAnswer },
      async handler(ctx, { actor }) {
        ctx.set('Cache-Control', 'no-store');
        const session = (ctx.state.session as Session | undefined) ?? null;
        // The auth middleware already read (or cached, under the actor epoch) the user.
        const user = (ctx.state.user as User | undefined) ?? (await loadUser(actor.userId));
        return presentSessionAnswer(actor, user, session);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/session',
      summary:
        'Sesi peramban ini bila ada (seperti /api/auth/me), atau current: null bila belum masuk; selalu 200',
      tags: ['autentikasi'],
      // Public: the SPA asks on its first load, before anyone logged in; a 401 there
      // would only be noise in the browser console.
      access: 'public',
      response: { schema: sessionProbeAnswer },
      async handler(ctx, { actor }) {
        ctx.set('Cache-Control', 'no-store');
        if (!actor) return { current: null };
        const session = (ctx.state.session as Session | undefined) ?? null;
        const user = (ctx.state.user as User | undefined) ?? (await loadUser(actor.userId));
        return { current: presentSessionAnswer(actor, user, session) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/auth/me',
      summary: 'Mengubah data kontak sendiri (e-mail, telepon)',
      tags: ['autentikasi'],
      body: profileBody,
      response: { schema: sessionAnswer },
      async handler(ctx, { actor, body }) {
        await updateOwnProfile(actor, body, ctx.ip);
        const session = (ctx.state.session as Session | undefined) ?? null;
        return presentSessionAnswer(actor, await loadUser(actor.userId), session);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/password',
      summary: 'Mengganti kata sandi sendiri; sesi lain berakhir, sesi ini diganti yang baru',
      tags: ['autentikasi'],
      body: changePasswordBody,
      response: { schema: sessionAnswer },
      async handler(ctx, { actor, body }) {
        const issued = await changeOwnPassword(
          services,
          actor,
          body.currentPassword,
          body.newPassword,
          client(ctx),
        );
        if (issued) ctx.append('Set-Cookie', sessionCookie(issued.token, secureCookie));
        const fresh = { ...actor, ...(issued ? { sessionId: String(issued.session._id) } : {}) };
        return presentSessionAnswer(fresh, await loadUser(actor.userId), issued?.session ?? null);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/pin',
      summary: 'Apakah pengguna sudah memasang PIN tanda tangan',
      tags: ['autentikasi'],
      response: { schema: pinStatusSchema },
      handler: (_ctx, { actor }) => pinStatus(actor),
    }),
    defineRoute({
      method: 'put',
      path: '/api/auth/pin',
      summary:
        'Memasang, mengganti (pin) atau menghapus (pin: null) PIN tanda tangan; perlu kata sandi saat ini',
      tags: ['autentikasi'],
      body: setPinBody,
      response: { schema: pinStatusSchema },
      async handler(ctx, { actor, body }) {
        return setOwnPin(actor, body.currentPassword, body.pin, ctx.ip).catch((error: unknown) => {
          retryAfter(ctx, error);
          throw error;
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/tokens',
      summary: 'Token API milik sendiri (admin: milik pengguna lain dengan ?userId=)',
      tags: ['autentikasi'],
      query: tokenListQuery,
      response: { schema: z.object({ items: z.array(tokenSchema) }) },
      async handler(_ctx, { actor, query }) {
        const tokens = await listApiTokens(actor, query.userId ?? actor.userId);
        return { items: tokens.map(presentToken) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/tokens',
      summary: 'Membuat token API; rahasianya hanya ditampilkan sekali',
      tags: ['autentikasi'],
      body: createTokenBody,
      response: { status: 201, schema: createdTokenSchema },
      async handler(ctx, { actor, body }) {
        const userId = body.userId ?? actor.userId;
        const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
        const { token, record } = await createApiToken(
          actor,
          { userId, name: body.name, expiresAt },
          ctx.ip,
        );
        ctx.set('Cache-Control', 'no-store');
        return { token: presentToken(record), secret: token };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/auth/tokens/:id',
      summary: 'Mencabut token API (pemilik atau admin)',
      tags: ['autentikasi'],
      params: idParams,
      response: { schema: tokenSchema },
      async handler(ctx, { actor, params }) {
        return presentToken(await revokeApiToken(actor, params.id, ctx.ip));
      },
    }),
  ];
}
