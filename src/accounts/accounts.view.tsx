import type { ComponentChildren } from 'preact';
import { type PendingSave, toPendingSaveParam } from '../favourites/pending-save.js';
import { CsrfField, Layout } from '../web/layout.js';
import { frAccounts, frVerification } from '../web/strings.fr.js';
import type { FieldErrors } from './account-forms.js';
import type { User } from './users.repository.js';

type Values = Partial<Record<string, string>>;

export function Field(props: {
  name: string;
  label: string;
  type?: string;
  value?: string | undefined;
  errors?: FieldErrors;
  autocomplete: string;
  required?: boolean;
  help?: string;
  idPrefix?: string;
}) {
  const id = `${props.idPrefix ?? ''}${props.name}`;
  const error = props.errors?.[props.name];
  const describedBy = [
    props.help === undefined ? null : `${id}-help`,
    error === undefined ? null : `${id}-error`,
  ]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <div class="mb-3">
      <label class="form-label" for={id}>
        {props.label}
      </label>
      <input
        class={`form-control${error === undefined ? '' : ' is-invalid'}`}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        autocomplete={props.autocomplete}
        required={props.required ?? true}
        maxLength={props.type === 'password' ? 200 : 254}
        aria-invalid={error === undefined ? undefined : 'true'}
        aria-describedby={describedBy === '' ? undefined : describedBy}
      />
      {props.help === undefined ? null : (
        <div class="form-text" id={`${id}-help`}>
          {props.help}
        </div>
      )}
      {error === undefined ? null : (
        <div class="invalid-feedback" id={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

/** E-mail, first and last name: the sign-up form and the profile form. */
function ProfileFields(props: { values: Values; errors?: FieldErrors | undefined }) {
  const { values, errors } = props;
  return (
    <>
      <Field
        name="email"
        label={frAccounts.email}
        type="email"
        value={values.email}
        errors={errors}
        autocomplete="email"
      />
      <Field
        name="firstName"
        label={frAccounts.firstName}
        value={values.firstName}
        errors={errors}
        autocomplete="given-name"
      />
      <Field
        name="lastName"
        label={frAccounts.lastName}
        value={values.lastName}
        errors={errors}
        autocomplete="family-name"
        required={false}
      />
    </>
  );
}

/** A new password and its confirmation: sign-up, password change and password reset. */
export function NewPasswordFields(props: { label: string; errors?: FieldErrors | undefined }) {
  return (
    <>
      <Field
        name="password"
        label={props.label}
        type="password"
        errors={props.errors}
        autocomplete="new-password"
        help={frAccounts.passwordHelp}
      />
      <Field
        name="passwordConfirm"
        label={frAccounts.passwordConfirm}
        type="password"
        errors={props.errors}
        autocomplete="new-password"
      />
    </>
  );
}

/**
 * Every error of the form at once, each a link to its field (which carries `aria-invalid` and
 * names its message in `aria-describedby`); or one message for the whole form.
 */
export function ErrorSummary(props: {
  errors?: FieldErrors;
  message?: string;
  idFor?: (name: string) => string;
}) {
  const fields = Object.entries(props.errors ?? {}).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  if (props.message !== undefined)
    return (
      <div class="alert alert-danger" role="alert">
        {props.message}
      </div>
    );
  if (fields.length === 0) return null;
  return (
    <div class="alert alert-danger" role="alert">
      {frAccounts.formHasErrors}
      <ul class="mb-0">
        {fields.map(([name, message]) => (
          <li>
            <a class="alert-link" href={`#${props.idFor?.(name) ?? name}`}>
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A form of these pages: its errors summed up first (ErrorSummary), then the form with its CSRF token. */
export function AccountForm(props: {
  action: string;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
  idFor?: (name: string) => string;
  children: ComponentChildren;
}) {
  return (
    <>
      <ErrorSummary errors={props.errors} message={props.message} idFor={props.idFor} />
      <form action={props.action} method="post" novalidate>
        <CsrfField />
        {props.children}
      </form>
    </>
  );
}

export function NarrowPage(props: { title: string; children: ComponentChildren }) {
  return (
    <Layout title={props.title}>
      <div class="narrow mx-auto">
        <h1>{props.title}</h1>
        {props.children}
      </div>
    </Layout>
  );
}

export function SignUpPage(props: {
  values?: Values;
  errors?: FieldErrors;
  next: string;
  pending?: PendingSave | null;
}) {
  const v = props.values ?? {};
  const pending = props.pending ?? null;
  return (
    <NarrowPage title={frAccounts.signUpTitle}>
      <p>{pending === null ? frAccounts.signUpLead : frAccounts.signUpToSave}</p>
      <AccountForm action="/inscription" errors={props.errors}>
        <input type="hidden" name="next" value={props.next} />
        <PendingSaveField pending={pending} />
        <ProfileFields values={v} errors={props.errors} />
        <NewPasswordFields label={frAccounts.password} errors={props.errors} />
        <button class="btn btn-brand" type="submit">
          {frAccounts.signUpTitle}
        </button>
      </AccountForm>
      <p class="mt-3">
        {frAccounts.haveAccount}{' '}
        <a href={`/connexion${nextQuery(props.next, pending)}`}>{frAccounts.logInTitle}</a>
      </p>
    </NarrowPage>
  );
}

export function LogInPage(props: {
  email?: string;
  failed?: boolean;
  next: string;
  pending?: PendingSave | null;
}) {
  const pending = props.pending ?? null;
  return (
    <NarrowPage title={frAccounts.logInTitle}>
      <p>{pending === null ? frAccounts.logInLead : frAccounts.logInToSave}</p>
      <AccountForm
        action="/connexion"
        message={props.failed === true ? frAccounts.wrongCredentials : undefined}
      >
        <input type="hidden" name="next" value={props.next} />
        <PendingSaveField pending={pending} />
        <Field
          name="email"
          label={frAccounts.email}
          type="email"
          value={props.email}
          autocomplete="username"
        />
        <Field name="password" label={frAccounts.password} type="password" autocomplete="current-password" />
        <p>
          <a href="/mot-de-passe-oublie">{frAccounts.forgotPasswordLink}</a>
        </p>
        <button class="btn btn-brand" type="submit">
          {frAccounts.logInTitle}
        </button>
      </AccountForm>
      <p class="mt-3">
        {frAccounts.noAccount}{' '}
        <a href={`/inscription${nextQuery(props.next, pending)}`}>{frAccounts.signUpTitle}</a>
      </p>
    </NarrowPage>
  );
}

export interface AccountForms {
  profile?: { values: Values; errors: FieldErrors };
  password?: FieldErrors;
  deletion?: FieldErrors;
}

export function AccountPage(props: { user: User; forms?: AccountForms }) {
  const { user } = props;
  const profile = props.forms?.profile;
  const confirmError = props.forms?.deletion?.confirm;
  const values = profile?.values ?? {
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName ?? '',
  };
  return (
    <NarrowPage title={frAccounts.accountTitle}>
      {user.awaitingEmailVerification ? (
        <div class="alert alert-info" role="status">
          <p>{frVerification.awaiting(user.email)}</p>
          <form action="/mon-compte/confirmer-email" method="post" class="mb-0">
            <CsrfField />
            <button class="btn btn-outline-dark btn-sm" type="submit">
              {frVerification.resend}
            </button>
          </form>
        </div>
      ) : null}
      <dl class="row">
        <dt class="col-sm-4">{frAccounts.nameLabel}</dt>
        <dd class="col-sm-8">{[user.firstName, user.lastName].filter((part) => part !== null).join(' ')}</dd>
        <dt class="col-sm-4">{frAccounts.email}</dt>
        <dd class="col-sm-8">{user.email}</dd>
      </dl>

      <section class="card mb-4" aria-labelledby="profile-heading">
        <div class="card-body">
          <h2 class="h4" id="profile-heading">
            {frAccounts.profileHeading}
          </h2>
          <AccountForm
            action="/mon-compte"
            errors={profile?.errors}
            idFor={(name) => (name === 'currentPassword' ? 'profile-currentPassword' : name)}
          >
            <ProfileFields values={values} errors={profile?.errors} />
            <Field
              name="currentPassword"
              idPrefix="profile-"
              label={frAccounts.currentPassword}
              type="password"
              errors={profile?.errors}
              autocomplete="current-password"
              required={false}
              help={frAccounts.currentPasswordForEmailHelp}
            />
            <button class="btn btn-brand" type="submit">
              {frAccounts.saveProfile}
            </button>
          </AccountForm>
        </div>
      </section>

      <section class="card mb-4" aria-labelledby="password-heading">
        <div class="card-body">
          <h2 class="h4" id="password-heading">
            {frAccounts.passwordHeading}
          </h2>
          <AccountForm action="/mon-compte/mot-de-passe" errors={props.forms?.password}>
            <Field
              name="currentPassword"
              label={frAccounts.currentPassword}
              type="password"
              errors={props.forms?.password}
              autocomplete="current-password"
            />
            <NewPasswordFields label={frAccounts.newPassword} errors={props.forms?.password} />
            <button class="btn btn-brand" type="submit">
              {frAccounts.changePassword}
            </button>
          </AccountForm>
        </div>
      </section>

      <section class="card mb-4" aria-labelledby="export-heading">
        <div class="card-body">
          <h2 class="h4" id="export-heading">
            {frAccounts.exportHeading}
          </h2>
          <p>{frAccounts.exportText}</p>
          <a class="btn btn-outline-brand" href="/mon-compte/export.json" download>
            {frAccounts.exportButton}
          </a>
        </div>
      </section>

      <section class="card border-danger mb-4" aria-labelledby="delete-heading">
        <div class="card-body">
          <h2 class="h4" id="delete-heading">
            {frAccounts.deleteHeading}
          </h2>
          <p>{frAccounts.deleteText}</p>
          <AccountForm
            action="/mon-compte/supprimer"
            errors={props.forms?.deletion}
            idFor={(name) => (name === 'currentPassword' ? 'delete-currentPassword' : name)}
          >
            <Field
              name="currentPassword"
              idPrefix="delete-"
              label={frAccounts.currentPassword}
              type="password"
              errors={props.forms?.deletion}
              autocomplete="current-password"
            />
            <div class="form-check mb-3">
              <input
                class={`form-check-input${confirmError === undefined ? '' : ' is-invalid'}`}
                type="checkbox"
                id="confirm"
                name="confirm"
                value="yes"
                required
                aria-invalid={confirmError === undefined ? undefined : 'true'}
                aria-describedby={confirmError === undefined ? undefined : 'confirm-error'}
              />
              <label class="form-check-label" for="confirm">
                {frAccounts.deleteConfirm}
              </label>
              {confirmError === undefined ? null : (
                <div class="invalid-feedback" id="confirm-error">
                  {confirmError}
                </div>
              )}
            </div>
            <button class="btn btn-danger" type="submit">
              {frAccounts.deleteButton}
            </button>
          </AccountForm>
        </div>
      </section>
    </NarrowPage>
  );
}

function PendingSaveField(props: { pending: PendingSave | null }) {
  if (props.pending === null) return null;
  return <input type="hidden" name="sauver" value={toPendingSaveParam(props.pending)} />;
}

function nextQuery(next: string, pending: PendingSave | null = null): string {
  const query = new URLSearchParams();
  if (next !== '/') query.set('next', next);
  if (pending !== null) query.set('sauver', toPendingSaveParam(pending));
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}
