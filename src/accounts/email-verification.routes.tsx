// Optional e-mail verification at sign-up (EMAIL_VERIFICATION, off by default): the new account gets
// a single-use link valid one hour, made and stored like a password reset's (only its hash is
// kept), and cannot save favourites until the link is opened. A changed address is verified again.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { Layout } from '../web/layout.js';
import { sendPage } from '../web/render.js';
import { requireViewer } from '../web/require-viewer.js';
import { setFlash } from '../web/sessions.js';
import { frVerification } from '../web/strings.fr.js';
import { AUTH_RATE_LIMIT } from './auth-rate-limit.js';
import { createEmailVerification, verifyEmailWithToken } from './email-verifications.repository.js';
import { createLinkToken, toTokenHash } from './link-tokens.js';
import type { Mailer } from './mailer.js';

export const VERIFICATION_LIFETIME_MINUTES = 60;

/** Sends an account its verification link; only exists when EMAIL_VERIFICATION is on. */
export interface EmailVerifier {
  sendLink(request: FastifyRequest, userId: number, email: string): Promise<void>;
}

/** Null when verification is off (config.ts refuses it on without SMTP_URL). */
export function createEmailVerifier(deps: {
  db: Db;
  mailer: Mailer | null;
  config: Pick<Config, 'mail' | 'publicUrl'>;
}): EmailVerifier | null {
  const { db, mailer, config } = deps;
  if (!config.mail.verifySignUps || mailer === null) return null;
  return {
    async sendLink(request, userId, email) {
      const token = createLinkToken();
      await createEmailVerification(db, userId, email, toTokenHash(token), VERIFICATION_LIFETIME_MINUTES);
      const link = `${config.publicUrl}/confirmer-email?jeton=${token}`;
      // Not awaited: the page answers without waiting for the SMTP server; a failure is logged
      // and "Renvoyer le lien" in Mon compte tries again.
      mailer
        .send({
          to: email,
          subject: frVerification.mailSubject,
          text: frVerification.mailText(link, VERIFICATION_LIFETIME_MINUTES),
        })
        .catch((error: unknown) => request.log.error({ err: error }, 'verification mail not sent'));
    },
  };
}

export function registerEmailVerificationRoutes(
  app: FastifyInstance,
  { db, verifier }: { db: Db; verifier: EmailVerifier | null },
): void {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  // Opening the link is enough (no log-in needed: it may be opened on another device).
  routes.get(
    '/confirmer-email',
    {
      schema: { querystring: Type.Object({ jeton: Type.Optional(Type.String({ maxLength: 1000 })) }) },
      config: { rateLimit: AUTH_RATE_LIMIT },
    },
    async (request, reply) => {
      const token = request.query.jeton ?? '';
      const userId = token === '' ? null : await verifyEmailWithToken(db, toTokenHash(token));
      if (userId === null) return sendPage(reply, <InvalidVerificationLinkPage />, 400);
      setFlash(request, { kind: 'success', text: frVerification.done });
      return reply.redirect(request.viewer?.id === userId ? '/mes-aliments' : '/connexion', 303);
    },
  );

  app.post(
    '/mon-compte/confirmer-email',
    { config: { rateLimit: AUTH_RATE_LIMIT } },
    async (request, reply) => {
      const user = requireViewer(request, reply, '/mon-compte');
      if (user === null) return reply;
      if (user.awaitingEmailVerification && verifier !== null) {
        await verifier.sendLink(request, user.id, user.email);
        setFlash(request, { kind: 'success', text: frVerification.resent(user.email) });
      }
      return reply.redirect('/mon-compte', 303);
    },
  );
}

function InvalidVerificationLinkPage() {
  return (
    <Layout title={frVerification.invalidTitle}>
      <div class="narrow mx-auto">
        <h1>{frVerification.invalidTitle}</h1>
        <p>{frVerification.invalidText(VERIFICATION_LIFETIME_MINUTES)}</p>
        <p>
          <a href="/mon-compte">{frVerification.toAccount}</a>
        </p>
      </div>
    </Layout>
  );
}
