import { existsSync, statSync } from 'node:fs'
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises'
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
  // Written aside and renamed: hub processes started together on one machine each build, and none may
  // serve a stylesheet another is half-way through writing.
  const aside = `${target}.${process.pid}.tmp`
  await writeFile(aside, result.css)
  await rename(aside, target)
}
