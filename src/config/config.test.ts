import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from './config.ts'

describe('loadConfig', () => {
  it('starts with sensible defaults on an empty environment', () => {
    const config = loadConfig({})
    assert.equal(config.port, 3000)
    assert.equal(config.dataDir, './data')
    assert.equal(config.databaseUrl, undefined)
    assert.equal(config.demo.enabled, true)
  })

  it('names every bad variable in one message', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', VICTIM_HUB_DEMO: 'maybe' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError)
        assert.match(error.message, /PORT/)
        assert.match(error.message, /DATABASE_URL/)
        assert.match(error.message, /VICTIM_HUB_DEMO/)
        return true
      },
    )
  })

  it('treats a blank variable as unset and reads false flags', () => {
    const config = loadConfig({ PORT: '', VICTIM_HUB_DEMO: 'false' })
    assert.equal(config.port, 3000)
    assert.equal(config.demo.enabled, false)
  })
})
