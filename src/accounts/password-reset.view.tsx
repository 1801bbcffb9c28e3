import { CsrfField } from '../web/layout.js';
import { frAccounts, frReset } from '../web/strings.fr.js';
import type { FieldErrors } from './account-forms.js';
import { ErrorSummary, Field, NarrowPage } from './accounts.view.js';

/** The address form, or, without SMTP, whom to write to instead. */
export function ForgottenPasswordPage(props: {
  canSendMail: boolean;
  contact: string | null;
  email?: string;
  errors?: FieldErrors;
}) {
  return (
    <NarrowPage title={frReset.title}>
      <h1>{frReset.title}</h1>
      {props.canSendMail ? (
        <>
          <p>{frReset.lead}</p>
          <ErrorSummary errors={props.errors} />
          <form action="/mot-de-passe-oublie" method="post" novalidate>
            <CsrfField />
            <Field
              name="email"
              label={frAccounts.email}
              type="email"
              value={props.email}
              errors={props.errors}
              autocomplete="email"
            />
            <button class="btn btn-brand" type="submit">
              {frReset.send}
            </button>
          </form>
        </>
      ) : (
        <div class="alert alert-warning" role="status">
          <p class="mb-0">
            {frReset.noMail}{' '}
            {props.contact === null ? (
              frReset.noMailNoContact
            ) : (
              <>
                {frReset.noMailContact} <a href={`mailto:${props.contact}`}>{props.contact}</a>.
              </>
            )}
          </p>
        </div>
      )}
    </NarrowPage>
  );
}

export function ResetLinkSentPage() {
  return (
    <NarrowPage title={frReset.title}>
      <h1>{frReset.title}</h1>
      <p class="alert alert-info" role="status">
        {frReset.sent}
      </p>
    </NarrowPage>
  );
}

export function NewPasswordPage(props: { token: string; errors?: FieldErrors }) {
  return (
    <NarrowPage title={frReset.newTitle}>
      <h1>{frReset.newTitle}</h1>
      <ErrorSummary errors={props.errors} />
      <form action="/nouveau-mot-de-passe" method="post" novalidate>
        <CsrfField />
        <input type="hidden" name="jeton" value={props.token} />
        <Field
          name="password"
          label={frAccounts.newPassword}
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
          {frReset.save}
        </button>
      </form>
    </NarrowPage>
  );
}

export function InvalidLinkPage() {
  return (
    <NarrowPage title={frReset.invalidTitle}>
      <h1>{frReset.invalidTitle}</h1>
      <p>{frReset.invalidText}</p>
      <a class="btn btn-brand" href="/mot-de-passe-oublie">
        {frReset.askAgain}
      </a>
    </NarrowPage>
  );
}
