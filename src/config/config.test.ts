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

  it('reads a read replica for reports, only beside a database server, and never prints its address', () => {
    const primary = 'postgres://hub:secret@db.internal:5432/victim_hub'
    const replica = 'postgres://hub:secret@replica.internal:5432/victim_hub'
    assert.equal(loadConfig({ DATABASE_URL: primary }).databaseReadUrl, undefined)
    assert.equal(loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica }).databaseReadUrl, replica)
    assert.throws(
      () => loadConfig({ DATABASE_READ_URL: replica }),
      /DATABASE_READ_URL: needs DATABASE_URL too/,
      'the embedded database has no replica',
    )
    assert.throws(
      () => loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://hub:hunter2@replica/x' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError)
        assert.match(error.message, /DATABASE_READ_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/)
        assert.doesNotMatch(error.message, /hunter2/, 'the password in the address is not printed')
        return true
      },
    )
  })

  it('trusts no proxy unless told which: addresses and CIDR ranges, or a hop count', () => {
    assert.equal(loadConfig({}).trustProxy, false)
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false)
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,::1' }).trustProxy, [
      '10.0.0.5',
      '192.168.0.0/16',
      '::1',
    ])
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy, ['loopback'])
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2)
    for (const bad of ['true', 'proxy.internal', '10.0.0.300', '10.0.0.0/40', '0'])
      assert.throws(() => loadConfig({ TRUST_PROXY: bad }), /TRUST_PROXY: .*(address|hop)/, bad)
  })

  it('reads the encryption key as 32 bytes in base64 or hex, and names a wrong one', () => {
    const base64 = Buffer.alloc(32, 7).toString('base64')
    const hex = Buffer.alloc(32, 9).toString('hex')
    const config = loadConfig({
      VICTIM_HUB_ENCRYPTION_KEY: base64,
      VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS: `${hex}`,
    })
    assert.equal(config.encryption.key, base64)
    assert.deepEqual(config.encryption.previousKeys, [hex])
    assert.throws(
      () => loadConfig({ VICTIM_HUB_ENCRYPTION_KEY: 'short' }),
      /VICTIM_HUB_ENCRYPTION_KEY: must be 32 bytes/,
    )
    assert.throws(
      () => loadConfig({ VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS: `${hex},nope` }),
      /VICTIM_HUB_PREVIOUS_ENCRYPTION_KEYS: each key must be 32 bytes/,
    )
    assert.equal(loadConfig({}).encryption.key, undefined)
  })
})
