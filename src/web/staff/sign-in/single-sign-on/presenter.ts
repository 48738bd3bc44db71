import type { SsoRefusalReason } from '../../../../services/single-sign-on.ts'

/** Why the sign-in was refused and what to do, in the person's terms; never the protocol's. */
export function refusalLines(reason: SsoRefusalReason, provider: string): string[] {
  const again = 'Nothing has been changed. Start again from the sign-in page.'
  const tell = 'If it happens again, tell your hub administrator.'
  switch (reason) {
    case 'state':
      return [
        'This sign-in was already used, or was started in another browser or tab, so it could not be finished.',
        again,
      ]
    case 'issuer':
      return [
        `The answer did not come from ${provider}’s sign-in service, so it was not trusted.`,
        again,
        tell,
      ]
    case 'signature':
      return [`The answer was not signed with ${provider}’s key, so it was not trusted.`, again, tell]
    case 'expired':
      return [
        `The answer from ${provider} had expired before it reached Victim Hub.`,
        again,
        `${tell} The clock of a sign-in service may be wrong.`,
      ]
    case 'nonce':
      return [
        `The answer from ${provider} belongs to a different sign-in, so it was not trusted.`,
        again,
        tell,
      ]
    case 'provider_error':
      return [
        `${provider} did not sign you in. You may have cancelled, or it may have refused the sign-in.`,
        again,
      ]
    case 'provider_unreachable':
      return [`${provider}’s sign-in service did not answer. Try again in a few minutes.`, tell]
    case 'invalid_response':
      return [`The answer from ${provider} was not a sign-in Victim Hub could use.`, again, tell]
    case 'disabled':
      return [
        'Your Victim Hub account has been switched off.',
        'Ask your hub administrator if you think it should be switched on again.',
      ]
    case 'email_not_verified':
      return [
        `${provider} has not confirmed your email address, so Victim Hub cannot tell which account is yours.`,
        'Ask your organisation’s IT team to confirm it.',
      ]
    case 'no_account':
      return [
        'You do not have a Victim Hub account yet, and your organisation does not make one at your first sign-in.',
        'Ask your hub administrator for an account with this email address.',
      ]
    case 'no_role':
      return [
        `Your account at ${provider} is not in any group that gives a role in Victim Hub.`,
        'Ask your organisation’s IT team to add you to the right group.',
      ]
    case 'other_organisation':
      return [
        `The Victim Hub account with your email address belongs to another organisation, so ${provider} cannot sign in to it.`,
        'Ask your hub administrator.',
      ]
  }
}
