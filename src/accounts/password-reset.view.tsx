import { frAccounts, frReset } from '../web/strings.fr.js';
import type { FieldErrors } from './account-forms.js';
import { AccountForm, Field, NarrowPage, NewPasswordFields } from './accounts.view.js';

/** The address form, or, without SMTP, whom to write to instead. */
export function ForgottenPasswordPage(props: {
  canSendMail: boolean;
  contact: string | null;
  email?: string;
  errors?: FieldErrors;
}) {
  return (
    <NarrowPage title={frReset.title}>
      {props.canSendMail ? (
        <>
          <p>{frReset.lead}</p>
          <AccountForm action="/mot-de-passe-oublie" errors={props.errors}>
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
          </AccountForm>
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
      <p class="alert alert-info" role="status">
        {frReset.sent}
      </p>
    </NarrowPage>
  );
}

export function NewPasswordPage(props: { token: string; errors?: FieldErrors }) {
  return (
    <NarrowPage title={frReset.newTitle}>
      <AccountForm action="/nouveau-mot-de-passe" errors={props.errors}>
        <input type="hidden" name="jeton" value={props.token} />
        <NewPasswordFields label={frAccounts.newPassword} errors={props.errors} />
        <button class="btn btn-brand" type="submit">
          {frReset.save}
        </button>
      </AccountForm>
    </NarrowPage>
  );
}

export function InvalidLinkPage() {
  return (
    <NarrowPage title={frReset.invalidTitle}>
      <p>{frReset.invalidText}</p>
      <a class="btn btn-brand" href="/mot-de-passe-oublie">
        {frReset.askAgain}
      </a>
    </NarrowPage>
  );
}
