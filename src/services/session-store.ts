import type { SessionStore } from '@fastify/session'
import type { Session } from 'fastify'
import type pg from 'pg'
import type { Config } from '../config/config.ts'
import { sessionExpired } from '../domain/staff/sign-in-policy.ts'
import { deleteSession, deleteStaleSessions, readSession, writeSession } from '../repositories/sessions.ts'

/**
 * Server-side sessions in PostgreSQL: the browser holds only a signed random id. A session past its idle
 * or absolute limit reads as absent and is deleted, so an old cookie cannot bring it back.
 */
export function createSessionStore(pool: pg.Pool, limits: Config['session']) {
  const store: SessionStore = {
    get(sessionId, callback) {
      readSession(pool, sessionId)
        .then(async (stored) => {
          if (!stored) return callback(null, null)
          if (sessionExpired(stored, new Date(), limits)) {
            await deleteSession(pool, sessionId)
            return callback(null, null)
          }
          callback(null, stored.data as unknown as Session)
        })
        .catch((error: Error) => callback(error, null))
    },
    set(sessionId, session, callback) {
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>
      const userId = typeof data.userId === 'string' ? data.userId : null
      writeSession(pool, sessionId, data, userId)
        .then(() => callback())
        .catch((error: Error) => callback(error))
    },
    destroy(sessionId, callback) {
      deleteSession(pool, sessionId)
        .then(() => callback())
        .catch((error: Error) => callback(error))
    },
  }
  return {
    store,
    purgeExpired: () => deleteStaleSessions(pool, limits.idleMinutes, limits.absoluteHours),
  }
}
