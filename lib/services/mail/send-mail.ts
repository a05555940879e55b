import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { getEnv } from '../../env';

// Outgoing mail (password resets, invitations) through the SMTP server of SMTP_URL. Without it
// nothing is sent and the caller offers the link to copy instead.

const TRANSPORT_KEY = Symbol.for('dealboard.mailTransport');
const globalForMail = globalThis as unknown as Record<symbol, { url: string; transporter: Transporter } | undefined>;

function transporterFor(url: string): Transporter {
  const current = globalForMail[TRANSPORT_KEY];
  if (current?.url === url) return current.transporter;
  const transporter = nodemailer.createTransport(url);
  globalForMail[TRANSPORT_KEY] = { url, transporter };
  return transporter;
}

export function isMailConfigured(): boolean {
  return Boolean(getEnv().SMTP_URL);
}

/** Sends one plain-text email; false when no SMTP server is configured. */
export async function sendMail(message: { to: string; subject: string; text: string }): Promise<boolean> {
  const env = getEnv();
  if (!env.SMTP_URL) return false;
  await transporterFor(env.SMTP_URL).sendMail({ from: env.MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
  return true;
}
