// The project's sample data are the public files as published: each one is listed with its checksum
// and described in samples/README.md, so a reader can trace it to its source and licence.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { readSample, SAMPLES_DIR } from './support/samples.ts'

const dataFiles = readdirSync(SAMPLES_DIR, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.csv.gz') || f.endsWith('.json'))
  .sort()
const sums = new Map(
  readFileSync(join(SAMPLES_DIR, 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [sum, path] = line.split(/\s+/)
      return [path as string, sum as string]
    }),
)
const readme = readFileSync(join(SAMPLES_DIR, 'README.md'), 'utf8')

describe('sample public data', () => {
  it('holds the police.uk, ONS and bank holiday files the tests, benchmark and README use', () => {
    assert.equal(dataFiles.filter((f) => f.startsWith('police_uk/')).length, 20)
    assert.equal(dataFiles.filter((f) => f.startsWith('ons_population/')).length, 5)
    assert.equal(dataFiles.filter((f) => f.startsWith('calendar/')).length, 2)
  })

  it('every file is the published one: its content matches SHA256SUMS, before compression', () => {
    assert.equal(sums.size, dataFiles.length, 'one checksum for each file, and no other')
    for (const file of dataFiles) {
      const published = file.replace(/\.gz$/, '')
      const actual = createHash('sha256')
        .update(readSample(join(SAMPLES_DIR, file)))
        .digest('hex')
      assert.equal(actual, sums.get(published), file)
    }
  })

  it('the README names every file or its folder, and the Open Government Licence', () => {
    for (const file of dataFiles) {
      const parts = file.split('/')
      const name = parts.at(-1) as string
      const folder = `${parts.at(-2)}/`
      assert.ok(readme.includes(`\`${name}\``) || readme.includes(`\`${folder}\``), file)
    }
    assert.match(readme, /Open Government Licence v3\.0/)
  })
})
