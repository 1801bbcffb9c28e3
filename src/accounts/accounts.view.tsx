import type { ComponentChildren } from 'preact';
import { CsrfField, Layout } from '../web/layout.js';
import { frAccounts } from '../web/strings.fr.js';
import type { FieldErrors } from './account-forms.js';
import type { User } from './users.repository.js';

type Values = Partial<Record<string, string>>;

function Field(props: {
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

function ErrorSummary(props: { errors?: FieldErrors; message?: string }) {
  const messages = [props.message, ...Object.values(props.errors ?? {})].filter((m) => m !== undefined);
  if (messages.length === 0) return null;
  return (
    <div class="alert alert-danger" role="alert">
      {props.message ?? frAccounts.formHasErrors}
      {props.message === undefined ? (
        <ul class="mb-0">
          {messages.map((message) => (
            <li>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function NarrowPage(props: { title: string; children: ComponentChildren }) {
  return (
    <Layout title={props.title}>
      <div class="narrow mx-auto">{props.children}</div>
    </Layout>
  );
}

export function SignUpPage(props: { values?: Values; errors?: FieldErrors; next: string }) {
  const v = props.values ?? {};
  return (
    <NarrowPage title={frAccounts.signUpTitle}>
      <h1>{frAccounts.signUpTitle}</h1>
      <p>{frAccounts.signUpLead}</p>
      <ErrorSummary errors={props.errors} />
      <form action="/inscription" method="post" novalidate>
        <CsrfField />
        <input type="hidden" name="next" value={props.next} />
        <Field
          name="email"
          label={frAccounts.email}
          type="email"
          value={v.email}
          errors={props.errors}
          autocomplete="email"
        />
        <Field
          name="firstName"
          label={frAccounts.firstName}
          value={v.firstName}
          errors={props.errors}
          autocomplete="given-name"
        />
        <Field
          name="lastName"
          label={frAccounts.lastName}
          value={v.lastName}
          errors={props.errors}
          autocomplete="family-name"
          required={false}
        />
        <Field
          name="password"
          label={frAccounts.password}
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
        <button class="btn btn-brand" type="submit">
          {frAccounts.signUpTitle}
        </button>
      </form>
      <p class="mt-3">
        {frAccounts.haveAccount} <a href={`/connexion${nextQuery(props.next)}`}>{frAccounts.logInTitle}</a>
      </p>
    </NarrowPage>
  );
}

export function LogInPage(props: { email?: string; failed?: boolean; next: string; forSaving?: boolean }) {
  return (
    <NarrowPage title={frAccounts.logInTitle}>
      <h1>{frAccounts.logInTitle}</h1>
      <p>{props.forSaving === true ? frAccounts.logInToSave : frAccounts.logInLead}</p>
      <ErrorSummary message={props.failed === true ? frAccounts.wrongCredentials : undefined} />
      <form action="/connexion" method="post" novalidate>
        <CsrfField />
        <input type="hidden" name="next" value={props.next} />
        <Field
          name="email"
          label={frAccounts.email}
          type="email"
          value={props.email}
          autocomplete="username"
        />
        <Field name="password" label={frAccounts.password} type="password" autocomplete="current-password" />
        <button class="btn btn-brand" type="submit">
          {frAccounts.logInTitle}
        </button>
      </form>
      <p class="mt-3">
        {frAccounts.noAccount} <a href={`/inscription${nextQuery(props.next)}`}>{frAccounts.signUpTitle}</a>
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
  const values = profile?.values ?? {
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName ?? '',
  };
  return (
    <NarrowPage title={frAccounts.accountTitle}>
      <h1>{frAccounts.accountTitle}</h1>
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
          <ErrorSummary errors={profile?.errors} />
          <form action="/mon-compte" method="post" novalidate>
            <CsrfField />
            <Field
              name="email"
              label={frAccounts.email}
              type="email"
              value={values.email}
              errors={profile?.errors}
              autocomplete="email"
            />
            <Field
              name="firstName"
              label={frAccounts.firstName}
              value={values.firstName}
              errors={profile?.errors}
              autocomplete="given-name"
            />
            <Field
              name="lastName"
              label={frAccounts.lastName}
              value={values.lastName}
              errors={profile?.errors}
              autocomplete="family-name"
              required={false}
            />
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
          </form>
        </div>
      </section>

      <section class="card mb-4" aria-labelledby="password-heading">
        <div class="card-body">
          <h2 class="h4" id="password-heading">
            {frAccounts.passwordHeading}
          </h2>
          <ErrorSummary errors={props.forms?.password} />
          <form action="/mon-compte/mot-de-passe" method="post" novalidate>
            <CsrfField />
            <Field
              name="currentPassword"
              label={frAccounts.currentPassword}
              type="password"
              errors={props.forms?.password}
              autocomplete="current-password"
            />
            <Field
              name="password"
              label={frAccounts.newPassword}
              type="password"
              errors={props.forms?.password}
              autocomplete="new-password"
              help={frAccounts.passwordHelp}
            />
            <Field
              name="passwordConfirm"
              label={frAccounts.passwordConfirm}
              type="password"
              errors={props.forms?.password}
              autocomplete="new-password"
            />
            <button class="btn btn-brand" type="submit">
              {frAccounts.changePassword}
            </button>
          </form>
        </div>
      </section>

      <section class="card border-danger mb-4" aria-labelledby="delete-heading">
        <div class="card-body">
          <h2 class="h4" id="delete-heading">
            {frAccounts.deleteHeading}
          </h2>
          <p>{frAccounts.deleteText}</p>
          <ErrorSummary errors={props.forms?.deletion} />
          <form action="/mon-compte/supprimer" method="post" novalidate>
            <CsrfField />
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
                class="form-check-input"
                type="checkbox"
                id="confirm"
                name="confirm"
                value="yes"
                required
              />
              <label class="form-check-label" for="confirm">
                {frAccounts.deleteConfirm}
              </label>
            </div>
            <button class="btn btn-danger" type="submit">
              {frAccounts.deleteButton}
            </button>
          </form>
        </div>
      </section>
    </NarrowPage>
  );
}

function nextQuery(next: string): string {
  return next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
}
