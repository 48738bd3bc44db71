// Sessions past their idle or absolute limit are deleted, so the table holds only live ones.
import { defineJob } from './job.ts'

export const purgeExpiredSessionsJob = defineJob({
  name: 'purge-expired-sessions',
  policy: 'standard',
  cron: '*/15 * * * *',
  expireInSeconds: 15 * 60,
  retryLimit: 2,
  run: (services) => services.sessions.purgeExpired(),
})
