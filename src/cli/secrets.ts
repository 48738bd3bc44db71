import type { Command } from 'commander'
import { KeyRotationError, rotateEncryptionKey } from '../services/secrets/index.ts'
import { newEncryptionKey } from '../services/secrets/key-file.ts'
import { type CliContext, CliError, cliActor } from './context.ts'

export function register(program: Command, context: CliContext) {
  const secrets = program.command('secrets').description('the key that encrypts secrets kept in the database')
  secrets
    .command('new-key')
    .description('print a new random key for VICTIM_HUB_ENCRYPTION_KEY (nothing is changed)')
    .action(() => {
      console.log(newEncryptionKey())
    })
  secrets
    .command('rotate-key')
    .description(
      'encrypt every secret with a new key: in the data directory a new key is made; otherwise VICTIM_HUB_ENCRYPTION_KEY is the new key and VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS the old ones',
    )
    .action(async () => {
      await context.withServices(async (services) => {
        const result = await rotateEncryptionKey(
          services.pool,
          services.config.encryption,
          services.audit,
          cliActor(),
        ).catch((error: unknown) => {
          throw error instanceof KeyRotationError ? new CliError(error.message) : error
        })
        console.log(`Re-encrypted ${result.resealed} secrets with the new key ${result.keyId}.`)
        if (result.unreadable.length > 0)
          console.log(
            `${result.unreadable.length} accounts hold an authenticator secret no key opens (changed in the database) and must set one up again: ${result.unreadable.join(', ')}`,
          )
        if (result.keyFile) {
          console.log('The new key is kept in the data directory; the old one was removed from it.')
        } else if (result.retired.length > 0) {
          console.log(
            `Once every hub process runs with the new key, remove the old ones (${result.retired.join(', ')}) from VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS.`,
          )
        }
      })
    })
}
