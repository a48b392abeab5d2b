import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_API_KEY, loadConfig, seedSource } from '../src/config.js'

describe('loadConfig', () => {
  it('fills in the documented defaults', () => {
    expect(loadConfig({})).toStrictEqual({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATABASE_PATH: 'data/omnidesk.db',
      API_KEY: DEFAULT_API_KEY,
      SEED: 'true',
      TIMEZONE: 'UTC',
      LOG_LEVEL: 'info',
      JOURNAL_LIMIT: 1000,
      WEBHOOK_RETRY_FACTOR: 1,
      ALLOWED_HOSTS: '',
      MAX_ACCOUNTS: 1000,
      WEBHOOK_HOSTS: ''
    })
  })

  it('reads values given as strings', () => {
    const config = loadConfig({ PORT: '4000', NOW: '2019-09-28 22:08:14', TIMEZONE: 'Europe/Amsterdam', SEED: 'false', OTHER: 'x' })
    expect(config).toMatchObject({ PORT: 4000, NOW: '2019-09-28 22:08:14', TIMEZONE: 'Europe/Amsterdam', SEED: 'false' })
  })

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ NOW: '28-09-2019' }, /NOW/],
    [{ NOW: '2019-02-30 10:00:00' }, /NOW '2019-02-30 10:00:00' is not a real date-time/],
    [{ TIMEZONE: 'Mars/Olympus' }, /TIMEZONE 'Mars\/Olympus'/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ RATE_LIMIT: '100 per minute' }, /RATE_LIMIT/],
    [{ JOURNAL_LIMIT: '0' }, /JOURNAL_LIMIT/]
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})

describe('seedSource', () => {
  it('tells the demo, nothing and a path apart', () => {
    expect(seedSource('true')).toBe('demo')
    expect(seedSource('FALSE')).toBe('none')
    expect(seedSource('./fixtures/acme.json')).toStrictEqual({ path: './fixtures/acme.json' })
  })
})
