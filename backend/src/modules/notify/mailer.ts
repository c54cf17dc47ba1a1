import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';
import type { Logger } from '../../lib/logger.ts';

/** E-mail beside the in-app notifications, when SMTP_URL is configured. Without it every
 * send is a no-op and /api/health reports `mail: disabled`. The transport is configured
 * once per process from the config (the routes factory calls configureMailer). */
let transport: Transporter | null = null;
let from = 'Lontar <lontar@localhost>';
let log: Logger | null = null;
const inFlight = new Set<Promise<unknown>>();

export function configureMailer(
  config: Pick<Config, 'SMTP_URL' | 'SMTP_FROM'>,
  logger?: Logger,
): void {
  transport?.close();
  transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
  from = config.SMTP_FROM;
  log = logger ?? null;
}

export function mailEnabled(): boolean {
  return transport !== null;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends one message; resolves with the outcome instead of throwing (a mail server that
 * is down must not fail the request that caused the notification). */
export function sendMail(mail: Mail): Promise<{ ok: true } | { ok: false; error: string }> {
  if (!transport) return Promise.resolve({ ok: false, error: 'disabled' });
  const sending = transport
    .sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
    .then(
      () => ({ ok: true as const }),
      (error: Error) => {
        log?.warn({ err: error, to: mail.to }, 'mail not sent');
        return { ok: false as const, error: error.message.slice(0, 300) };
      },
    );
  inFlight.add(sending);
  void sending.finally(() => inFlight.delete(sending));
  return sending;
}

/** Keeps a background delivery (send + record the outcome) visible to settleMail. */
export function trackMail(delivery: Promise<unknown>): void {
  const tracked = delivery.catch((error: unknown) =>
    log?.warn({ err: error }, 'mail delivery failed'),
  );
  inFlight.add(tracked);
  void tracked.finally(() => inFlight.delete(tracked));
}

/** Waits for the messages being sent (tests, graceful stop). */
export async function settleMail(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
