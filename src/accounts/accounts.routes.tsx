import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { Db } from '../db/db.js';
import { listFavourites } from '../favourites/favourites.repository.js';
import { toExportedFavourites } from '../favourites/favourites-export.js';
import { savePendingFavourite, toPendingSave } from '../favourites/pending-save.js';
import { sendDownload, sendPage } from '../web/render.js';
import { requireViewer } from '../web/require-viewer.js';
import { toSafeNext } from '../web/safe-next.js';
import { logIn, logOut, setFlash } from '../web/sessions.js';
import { frAccounts, frVerification } from '../web/strings.fr.js';
import { checkNewPassword, checkProfile, checkSignUp, type FieldErrors, toEmail } from './account-forms.js';
import { AccountPage, LogInPage, SignUpPage } from './accounts.view.js';
import { AUTH_RATE_LIMIT } from './auth-rate-limit.js';
import type { EmailVerifier } from './email-verification.routes.js';
import { markAwaitingEmailVerification } from './email-verifications.repository.js';
import type { Passwords } from './password.js';
import {
  createUser,
  deleteUser,
  findAccountRecord,
  findPasswordHash,
  findUserCredentials,
  updateUserPassword,
  updateUserProfile,
} from './users.repository.js';

const text = Type.Optional(Type.String({ maxLength: 1000 }));
const NextQuery = Type.Object({ next: text, sauver: text });
const FormBody = Type.Object({
  email: text,
  firstName: text,
  lastName: text,
  password: text,
  passwordConfirm: text,
  currentPassword: text,
  confirm: text,
  next: text,
  sauver: text,
});

const authRoute = { schema: { body: FormBody }, config: { rateLimit: AUTH_RATE_LIMIT } };

/** `verifier`: EMAIL_VERIFICATION's link sender, or null when it is off. */
export function registerAccountRoutes(
  app: FastifyInstance,
  db: Db,
  passwords: Passwords,
  verifier: EmailVerifier | null = null,
): void {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  routes.get('/inscription', { schema: { querystring: NextQuery } }, (request, reply) =>
    sendPage(reply, <SignUpPage {...toWayBack(request.query)} />),
  );

  routes.post('/inscription', authRoute, async (request, reply) => {
    const body = request.body ?? {};
    const { next, pending } = toWayBack(body);
    const values = { email: body.email, firstName: body.firstName, lastName: body.lastName };
    const checked = checkSignUp(body);
    if (!checked.ok)
      return sendPage(
        reply,
        <SignUpPage values={values} errors={checked.errors} next={next} pending={pending} />,
        400,
      );
    const { password, ...profile } = checked.value;
    const userId = await createUser(db, {
      ...profile,
      passwordHash: await passwords.hash(password),
      awaitingEmailVerification: verifier !== null,
    });
    if (userId === null)
      return sendPage(
        reply,
        <SignUpPage
          values={values}
          errors={{ email: frAccounts.errors.emailTaken }}
          next={next}
          pending={pending}
        />,
        400,
      );
    await logIn(request, userId);
    const welcome = frAccounts.welcome(profile.firstName);
    if (verifier !== null) {
      // Saving waits for the address to be confirmed, the pending pair too.
      await verifier.sendLink(request, userId, profile.email);
      const text = [welcome, frVerification.sent(profile.email)];
      if (pending !== null) text.push(frVerification.pendingNotSaved);
      setFlash(request, { kind: 'success', text: text.join(' ') });
      return reply.redirect(next, 303);
    }
    const saved = await savePendingFavourite(db, userId, pending);
    setFlash(request, { kind: 'success', text: saved === null ? welcome : `${welcome} ${saved}` });
    return reply.redirect(next, 303);
  });

  routes.get('/connexion', { schema: { querystring: NextQuery } }, (request, reply) =>
    sendPage(reply, <LogInPage {...toWayBack(request.query)} />),
  );

  routes.post('/connexion', authRoute, async (request, reply) => {
    const body = request.body ?? {};
    const { next, pending } = toWayBack(body);
    const email = toEmail(body.email);
    const password = body.password ?? '';
    const credentials = email === '' ? null : await findUserCredentials(db, email);
    const valid =
      credentials === null
        ? await passwords.verifyAgainstNothing(password)
        : await passwords.verify(password, credentials.passwordHash);
    if (credentials === null || !valid)
      return sendPage(
        reply,
        <LogInPage email={body.email ?? ''} failed next={next} pending={pending} />,
        400,
      );
    await logIn(request, credentials.id);
    if (credentials.awaitingEmailVerification) {
      if (pending !== null) setFlash(request, { kind: 'info', text: frVerification.saveNeedsVerification });
      return reply.redirect(next, 303);
    }
    const saved = await savePendingFavourite(db, credentials.id, pending);
    if (saved !== null) setFlash(request, { kind: 'success', text: saved });
    return reply.redirect(next, 303);
  });

  app.post('/deconnexion', async (request, reply) => {
    await logOut(request);
    // A fresh, empty session carries the goodbye message.
    setFlash(request, { kind: 'info', text: frAccounts.loggedOut });
    return reply.redirect('/', 303);
  });

  app.get('/mon-compte', (request, reply) => {
    const user = requireViewer(request, reply);
    if (user === null) return reply;
    return sendPage(reply, <AccountPage user={user} />);
  });

  // Rate-limited like sign-up and password-checked when the address changes: "this address is
  // taken" must not answer a logged-in account faster than the sign-up form answers anyone.
  routes.post('/mon-compte', authRoute, async (request, reply) => {
    const user = requireViewer(request, reply, '/mon-compte');
    if (user === null) return reply;
    const body = request.body ?? {};
    const values = { email: body.email, firstName: body.firstName, lastName: body.lastName };
    const checked = checkProfile(body);
    const emailChanges = checked.ok ? checked.value.email !== user.email : toEmail(body.email) !== user.email;
    const errors = checked.ok ? {} : { ...checked.errors };
    if (emailChanges && (body.currentPassword ?? '') === '')
      errors.currentPassword = frAccounts.errors.currentPasswordForEmail;
    else if (emailChanges && !(await checkCurrentPassword(db, passwords, user.id, body.currentPassword)))
      errors.currentPassword = frAccounts.errors.currentPasswordWrong;
    if (!checked.ok || Object.keys(errors).length > 0)
      return sendPage(reply, <AccountPage user={user} forms={{ profile: { values, errors } }} />, 400);
    if (!(await updateUserProfile(db, user.id, checked.value)))
      return sendPage(
        reply,
        <AccountPage
          user={user}
          forms={{ profile: { values, errors: { email: frAccounts.errors.emailTaken } } }}
        />,
        400,
      );
    if (emailChanges && verifier !== null) {
      // A new address is confirmed like a new account's, before saving again.
      await markAwaitingEmailVerification(db, user.id);
      await verifier.sendLink(request, user.id, checked.value.email);
      setFlash(request, {
        kind: 'success',
        text: `${frAccounts.profileSaved} ${frVerification.sent(checked.value.email)}`,
      });
      return reply.redirect('/mon-compte', 303);
    }
    setFlash(request, { kind: 'success', text: frAccounts.profileSaved });
    return reply.redirect('/mon-compte', 303);
  });

  // RGPD art. 20: the account and its saved pairs as one machine-readable file.
  app.get('/mon-compte/export.json', async (request, reply) => {
    const user = requireViewer(request, reply, '/mon-compte');
    if (user === null) return reply;
    const account = await findAccountRecord(db, user.id);
    const favourites = toExportedFavourites(await listFavourites(db, user.id));
    const data = { exportedAt: new Date().toISOString(), account, favourites };
    return sendDownload(
      reply,
      'pur-beurre-mes-donnees.json',
      'application/json; charset=utf-8',
      `${JSON.stringify(data, null, 2)}\n`,
    );
  });

  routes.post('/mon-compte/mot-de-passe', authRoute, async (request, reply) => {
    const user = requireViewer(request, reply, '/mon-compte');
    if (user === null) return reply;
    const body = request.body ?? {};
    const errors = checkNewPassword(body.password, body.passwordConfirm);
    if (!(await checkCurrentPassword(db, passwords, user.id, body.currentPassword)))
      errors.currentPassword = frAccounts.errors.currentPasswordWrong;
    if (Object.keys(errors).length > 0)
      return sendPage(reply, <AccountPage user={user} forms={{ password: errors }} />, 400);
    await updateUserPassword(
      db,
      user.id,
      await passwords.hash(body.password ?? ''),
      request.session.sessionId,
    );
    setFlash(request, { kind: 'success', text: frAccounts.passwordChanged });
    return reply.redirect('/mon-compte', 303);
  });

  routes.post('/mon-compte/supprimer', authRoute, async (request, reply) => {
    const user = requireViewer(request, reply, '/mon-compte');
    if (user === null) return reply;
    const body = request.body ?? {};
    const errors: FieldErrors = {};
    if (!(await checkCurrentPassword(db, passwords, user.id, body.currentPassword)))
      errors.currentPassword = frAccounts.errors.currentPasswordWrong;
    if (body.confirm !== 'yes') errors.confirm = frAccounts.errors.confirmDelete;
    if (Object.keys(errors).length > 0)
      return sendPage(reply, <AccountPage user={user} forms={{ deletion: errors }} />, 400);
    await deleteUser(db, user.id);
    await logOut(request);
    setFlash(request, { kind: 'info', text: frAccounts.deleted });
    return reply.redirect('/', 303);
  });
}

/** Where a sign-up or log-in goes back to, and the pair it saves on the way (`sauver`). */
function toWayBack(fields: { next?: string | undefined; sauver?: string | undefined }) {
  return { next: toSafeNext(fields.next), pending: toPendingSave(fields.sauver) };
}

async function checkCurrentPassword(
  db: Db,
  passwords: Passwords,
  userId: number,
  password: string | undefined,
): Promise<boolean> {
  const hash = await findPasswordHash(db, userId);
  return hash !== null && (await passwords.verify(password ?? '', hash));
}
