// "Mot de passe oublié": a single-use link valid 30 minutes, sent by e-mail. The answer is the same
// whether the address has an account or not, and the mail leaves after the answer (no timing
// difference either); using the link ends every session of the account.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { sendPage } from '../web/render.js';
import { logIn, setFlash } from '../web/sessions.js';
import { frReset } from '../web/strings.fr.js';
import { checkNewPassword, toEmail } from './account-forms.js';
import { AUTH_RATE_LIMIT } from './auth-rate-limit.js';
import { createLinkToken, toTokenHash } from './link-tokens.js';
import type { Mailer } from './mailer.js';
import type { Passwords } from './password.js';
import {
  ForgottenPasswordPage,
  InvalidLinkPage,
  NewPasswordPage,
  ResetLinkSentPage,
} from './password-reset.view.js';
import {
  createPasswordReset,
  findPasswordResetUser,
  resetPasswordWithToken,
} from './password-resets.repository.js';
import { findUserCredentials } from './users.repository.js';

export const RESET_LIFETIME_MINUTES = 30;
const text = Type.Optional(Type.String({ maxLength: 1000 }));
const rateLimited = { config: { rateLimit: AUTH_RATE_LIMIT } };

export interface PasswordResetDeps {
  db: Db;
  mailer: Mailer | null;
  passwords: Passwords;
  config: Pick<Config, 'mail' | 'publicUrl'>;
}

export function registerPasswordResetRoutes(
  app: FastifyInstance,
  { db, mailer, passwords, config }: PasswordResetDeps,
): void {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  const page = (props: { email?: string; errors?: Record<string, string> }) => (
    <ForgottenPasswordPage canSendMail={mailer !== null} contact={config.mail.contact} {...props} />
  );

  app.get('/mot-de-passe-oublie', (_request, reply) => sendPage(reply, page({})));

  routes.post(
    '/mot-de-passe-oublie',
    { schema: { body: Type.Object({ email: text }) }, ...rateLimited },
    async (request, reply) => {
      // The page says the site cannot send e-mails and whom to write to: an answer, not a failure.
      if (mailer === null) return sendPage(reply, page({}));
      const email = toEmail(request.body?.email);
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
        return sendPage(
          reply,
          page({ email: request.body?.email ?? '', errors: { email: frReset.emailInvalid } }),
          400,
        );
      const user = await findUserCredentials(db, email);
      if (user !== null) {
        const token = createLinkToken();
        await createPasswordReset(db, user.id, toTokenHash(token), RESET_LIFETIME_MINUTES);
        const link = `${config.publicUrl}/nouveau-mot-de-passe?jeton=${token}`;
        // Not awaited: an address with an account must not answer slower than one without.
        mailer
          .send({
            to: email,
            subject: frReset.mailSubject,
            text: frReset.mailText(link, RESET_LIFETIME_MINUTES),
          })
          .catch((error: unknown) => request.log.error({ err: error }, 'password reset mail not sent'));
      }
      return sendPage(reply, <ResetLinkSentPage />);
    },
  );

  routes.get(
    '/nouveau-mot-de-passe',
    { schema: { querystring: Type.Object({ jeton: text }) } },
    async (request, reply) => {
      const token = request.query.jeton ?? '';
      if (token === '' || (await findPasswordResetUser(db, toTokenHash(token))) === null)
        return sendPage(reply, <InvalidLinkPage />, 400);
      // The token stays out of the Referer of anything this page links to.
      reply.header('referrer-policy', 'no-referrer');
      return sendPage(reply, <NewPasswordPage token={token} />);
    },
  );

  routes.post(
    '/nouveau-mot-de-passe',
    {
      schema: { body: Type.Object({ jeton: text, password: text, passwordConfirm: text }) },
      ...rateLimited,
    },
    async (request, reply) => {
      const { jeton = '', password, passwordConfirm } = request.body ?? {};
      const errors = checkNewPassword(password, passwordConfirm);
      if (Object.keys(errors).length > 0) {
        if ((await findPasswordResetUser(db, toTokenHash(jeton))) === null)
          return sendPage(reply, <InvalidLinkPage />, 400);
        return sendPage(reply, <NewPasswordPage token={jeton} errors={errors} />, 400);
      }
      const userId = await resetPasswordWithToken(
        db,
        toTokenHash(jeton),
        await passwords.hash(password ?? ''),
      );
      if (userId === null) return sendPage(reply, <InvalidLinkPage />, 400);
      await logIn(request, userId);
      setFlash(request, { kind: 'success', text: frReset.done });
      return reply.redirect('/', 303);
    },
  );
}
