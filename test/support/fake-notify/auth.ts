// The fake Notify's check of the Authorization header, as GOV.UK Notify makes it.
// Sources: notifications-api app/authentication/auth.py (requires_auth, _decode_jwt_token,
// _get_token_issuer, AuthError.to_dict_v2) and notifications-python-client authentication.py
// (decode_jwt_token: HS256 only, `iss` and `iat` required, iat within 30 seconds either way).
// The key a service is given is "{key name}-{service id}-{secret}"; the client signs a token with the
// secret and puts the service id in `iss`.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const GENERAL_TOKEN_ERROR_MESSAGE =
  'Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header'

export type KeyType = 'live' | 'team' | 'test'

export interface FakeApiKey {
  readonly name: string
  readonly secret: string
  readonly type: KeyType
  revoked: boolean
}

export type AuthResult = { ok: true; key: FakeApiKey } | { ok: false; status: 401 | 403; message: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Notify's bound on the token's age, and on a clock that runs ahead (`__bound__ = 30`). */
const IAT_BOUND_SECONDS = 30

const fail = (status: 401 | 403, message: string): AuthResult => ({ ok: false, status, message })

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

function signatureMatches(signingInput: string, signature: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(signingInput).digest()
  const given = Buffer.from(signature, 'base64url')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Checks one request's Authorization header against the service's keys, at the fake's time `nowSeconds`. */
export function authenticate(
  header: string | undefined,
  serviceId: string,
  keys: readonly FakeApiKey[],
  nowSeconds: number,
): AuthResult {
  if (!header) return fail(401, 'Unauthorized: authentication token must be provided')
  if (header.slice(0, 7).toLowerCase() !== 'bearer ') {
    return fail(401, 'Unauthorized: authentication bearer scheme must be used')
  }
  const token = header.slice(7)
  const parts = token.split('.')
  const head = parts.length === 3 ? decodePart(parts[0] as string) : null
  const claims = parts.length === 3 ? decodePart(parts[1] as string) : null
  if (!head || !claims) return fail(403, GENERAL_TOKEN_ERROR_MESSAGE)
  if (!('iss' in claims)) return fail(403, 'Invalid token: iss field not provided')
  const issuer = String(claims.iss)
  if (!UUID.test(issuer)) return fail(403, 'Invalid token: service id is not the right data type')
  if (issuer.toLowerCase() !== serviceId.toLowerCase()) return fail(403, 'Invalid token: service not found')
  if (keys.length === 0) return fail(403, 'Invalid token: service has no API keys')

  const signingInput = `${parts[0]}.${parts[1]}`
  for (const key of keys) {
    if (head.alg !== 'HS256') return fail(403, 'Invalid token: algorithm used is not HS256')
    // A token not signed with this key's secret: try the next key. A missing iat counts the same way
    // in Notify (TokenIssuedAtError is a TokenDecodeError), ending in "API key not found".
    if (!signatureMatches(signingInput, parts[2] as string, key.secret)) continue
    if (typeof claims.iat !== 'number' && typeof claims.iat !== 'string') continue
    const iat = Math.trunc(Number(claims.iat))
    if (!Number.isFinite(iat)) continue
    if (nowSeconds > iat + IAT_BOUND_SECONDS || iat > nowSeconds + IAT_BOUND_SECONDS) {
      return fail(403, 'Error: Your system clock must be accurate to within 30 seconds')
    }
    if (key.revoked) return fail(403, 'Invalid token: API key revoked')
    return { ok: true, key }
  }
  return fail(403, 'Invalid token: API key not found')
}
