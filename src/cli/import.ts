import type { Command } from 'commander'

/**
 * The `import` command group that every importer hangs its subcommand on (`import referrals`,
 * `import crimes`, …). Commander allows one command per name, so whichever importer registers first
 * creates it and the others find it.
 */
export function importCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'import') ??
    program
      .command('import')
      .description('import data files (police referral feed, police.uk crime, ONS population, …)')
  )
}

/** The `export` command group, shared the same way. */
export function exportCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('export data (referral outcomes, …)')
  )
}
