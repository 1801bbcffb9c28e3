// Outgoing e-mail through nodemailer to SMTP_URL. Without it the site sends nothing and says so.
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Connects and authenticates without sending (`pur-beurre doctor`). */
  verify(): Promise<void>;
  close(): void;
}

/** Null when no SMTP_URL is configured. */
export function createMailer(config: Pick<Config, 'mail'>): Mailer | null {
  if (config.mail.smtpUrl === null) return null;
  const transport = nodemailer.createTransport(config.mail.smtpUrl, { from: config.mail.from });
  return {
    async send(mail) {
      await transport.sendMail(mail);
    },
    async verify() {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}
