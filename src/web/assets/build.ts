import { existsSync, statSync } from 'node:fs'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as sass from 'sass'

const assetsSource = import.meta.dirname
const projectRoot = join(import.meta.dirname, '..', '..', '..')
export const builtAssetsDir = join(projectRoot, 'dist', 'assets')

const newestSource = async (): Promise<number> => {
  const files = (await readdir(assetsSource)).filter((f) => f.endsWith('.scss'))
  return Math.max(...files.map((f) => statSync(join(assetsSource, f)).mtimeMs))
}

/** Compiles the stylesheet when its sources are newer than the last build, so a warm start skips Sass. */
export async function buildAssets(): Promise<void> {
  const target = join(builtAssetsDir, 'application.css')
  if (existsSync(target) && statSync(target).mtimeMs >= (await newestSource())) return
  const result = sass.compile(join(assetsSource, 'application.scss'), {
    loadPaths: [join(projectRoot, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  })
  await mkdir(builtAssetsDir, { recursive: true })
  await writeFile(target, result.css)
}
