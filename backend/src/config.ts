import { z } from 'zod';

const boolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** Every setting the processes read, validated once at start (design.md §4). */
const envSchema = z.object({
  /** embedded: one box with demo data; production: real servers, no demo users; test: the test suites. */
  LONTAR_MODE: z.enum(['embedded', 'production', 'test']).default('embedded'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  PUBLIC_URL: z.url().optional(),
  MONGODB_URI: z.string().min(1, 'MONGODB_URI wajib diisi'),
  /** The PostgreSQL database behind FerretDB's PostgreSQL handler (the embedded engine, set
   * by infra/src/stack.ts): the index mirror creates its GIN indexes there. Unset on MongoDB. */
  FERRETDB_POSTGRESQL_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error: 'FERRETDB_POSTGRESQL_URL harus berupa URL postgres://',
    })
    .optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('lontar'),
  S3_ENDPOINT: z.url(),
  S3_ACCESS_KEY: z.string().min(1),
  S3_SECRET_KEY: z.string().min(1),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
    .default('lontar'),
  S3_REGION: z.string().default('us-east-1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The built SPA (frontend/dist); the API serves it with history-mode fallback when set. */
  FRONTEND_DIST: z.string().optional(),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  MAX_JSON_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Lontar <lontar@localhost>'),
  /** Node's trust of X-Forwarded-* headers, for deployments behind a reverse proxy. */
  TRUST_PROXY: boolean.default(false),
  /** Answers held to their route's response schema: enforce (500 on a mismatch), log, off.
   * Default by mode: test enforce, embedded log, production off (app.ts). */
  RESPONSE_CHECK: z.enum(['enforce', 'log', 'off']).optional(),
  OCR_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** How long /api/health waits for each server's ping before calling it unavailable: short,
   * so a load balancer notices a hung server; the tests raise it because a busy CI machine can
   * delay a ping past 2 s without anything being wrong. */
  HEALTH_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Parses the environment; throws ConfigError naming every problem at once (fail fast). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  return result.data;
}
