import type { Command } from 'commander'
import { MessageNotSentError } from '../domain/messaging/errors.ts'
import type { MessageChannel } from '../domain/messaging/message.ts'
import type { TransportCheck } from '../domain/messaging/port.ts'
import { GENERAL_TEMPLATE_VARIABLE } from '../domain/messaging/templates.ts'
import { createMessagingService } from '../services/messaging/index.ts'
import { type CliContext, CliError } from './context.ts'

const CHANNEL_NAME: Readonly<Record<MessageChannel, string>> = {
  text: 'text messages',
  email: 'emails',
  letter: 'letters',
}

/** The key's own name, the part before the service id and secret: safe to print, unlike the rest. */
const keyName = (apiKey: string) => apiKey.slice(0, Math.max(0, apiKey.length - 74))

function describe(check: TransportCheck): string[] {
  const lines: string[] = []
  for (const t of check.templates) {
    lines.push(
      `  ${t.setting}: ${t.templateId} ${t.problem === null ? 'fits' : `does not fit: ${t.problem}`}`,
    )
  }
  if (check.templates.length === 0) lines.push('  none configured')
  for (const channel of check.channelsWithoutTemplate) {
    lines.push(
      `  No template for ${CHANNEL_NAME[channel]}: set ${GENERAL_TEMPLATE_VARIABLE[channel]} to send them.`,
    )
  }
  return lines
}

export function register(program: Command, context: CliContext) {
  const notify = program.command('notify').description('GOV.UK Notify, which sends texts, emails and letters')
  notify
    .command('check')
    .description('check that the Notify key works and the templates fit, without sending anything')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const config = context.config().notify
      const messaging = createMessagingService(config)
      let check: TransportCheck
      try {
        check = await messaging.check()
      } catch (error) {
        if (error instanceof MessageNotSentError) {
          throw new CliError(`Notify check failed: ${error.message}. Nothing was sent.`, 1)
        }
        throw error
      }
      const fits = check.templates.every((t) => t.problem === null)
      if (options.json) {
        console.log(JSON.stringify({ ...check, ok: fits }, null, 2))
      } else if (check.mode === 'outbox-only') {
        console.log(
          'No NOTIFY_API_KEY is set: messages are kept in the outbox and nothing leaves this machine.',
        )
        if (check.templates.length > 0) {
          console.log('Templates (not checked without a key):')
          for (const line of describe(check)) console.log(line)
        }
      } else {
        const name = config.apiKey ? keyName(config.apiKey) : ''
        console.log(`Notify at ${check.destination} accepted the key "${name}". Nothing was sent.`)
        console.log('Templates:')
        for (const line of describe(check)) console.log(line)
      }
      if (!fits) throw new CliError('Some templates do not fit: messages using them would be refused.', 1)
    })
}
