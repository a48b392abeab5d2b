// Configuration, read once from the environment (or the options of startEmulator) and validated
// with TypeBox's Value (convert the strings, fill in defaults, check), against the same kind of
// schema as the API's. (env-schema did this before; its Ajv instance was a seventh of the cold start.)
import { type Static, Type } from 'typebox'
import { Value } from 'typebox/value'
import { isValidTimeZone, parseDateTime } from './clock.js'
import { DATE_TIME_PATTERN, patternWords, RATE_LIMIT_PATTERN } from './patterns.js'

export const DEFAULT_API_KEY = 'omnidesk-demo-key'

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const

/** '100/60s' → at most 100 requests per 60 000 ms. */
export function parseRateLimit (text: string): { max: number, windowMs: number } {
  const match = /^(\d+)\/(\d+)(ms|s|m|h)$/.exec(text)
  if (!match) throw new ConfigError(`'${text}' is not a rate limit such as 100/60s`)
  return { max: Number(match[1]), windowMs: Number(match[2]) * UNIT_MS[match[3] as keyof typeof UNIT_MS] }
}

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Address to listen on' }),
  DATABASE_PATH: Type.String({
    minLength: 1,
    default: 'data/omnidesk.db',
    description: 'SQLite file of the default account (relative to the working directory), or :memory:'
  }),
  API_KEY: Type.String({ minLength: 1, default: DEFAULT_API_KEY, description: 'The key with every permission' }),
  SEED: Type.String({
    default: 'true',
    description: 'true: seed an empty database with the demo data; false: leave it empty; or the path of a seed directory or JSON file'
  }),
  NOW: Type.Optional(Type.String({ pattern: DATE_TIME_PATTERN, description: 'Freeze the clock at YYYY-MM-DD HH:MM:SS' })),
  TIMEZONE: Type.String({ minLength: 1, default: 'UTC', description: 'IANA time zone of the date-times on the wire' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  JOURNAL_LIMIT: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1000, description: 'requests kept per account in the journal' }),
  WEBHOOK_RETRY_FACTOR: Type.Number({ minimum: 0, maximum: 100, default: 1, description: 'scales the webhook retry delays (1, 2, 4, 8, 16 s); 0.01 in tests' }),
  RATE_LIMIT: Type.Optional(Type.String({ pattern: RATE_LIMIT_PATTERN, description: 'per API key, e.g. 100/60s (ms, s, m or h); unset: no limit' })),
  ALLOWED_HOSTS: Type.String({
    default: '',
    description: 'more Host names to serve besides localhost, *.localhost, IP addresses, single labels, *.internal and the machine\'s own names: comma-separated, *.example.com for sub-domains, * for any'
  }),
  CONTROL_TOKEN: Type.Optional(Type.String({ minLength: 16, description: 'when set, the control API and the inbox need it (Authorization: Bearer); recommended when bound to 0.0.0.0' })),
  MAX_ACCOUNTS: Type.Integer({ minimum: 1, maximum: 100_000, default: 1000, description: 'accounts in use at once; past it, a new account is refused until one is dropped' }),
  WEBHOOK_HOSTS: Type.String({
    default: '',
    description: 'more hosts webhooks may be sent to besides loopback, single labels, *.internal and *.local: comma-separated, *.example.com for sub-domains, * for any'
  })
})

export type Config = Static<typeof ConfigSchema>
export type ConfigInput = Partial<Record<keyof Config, string | undefined>>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Validates the environment; throws a ConfigError that names the variable and what it must be. */
export function loadConfig (env: Record<string, string | undefined>): Config {
  const data = Object.fromEntries(
    Object.keys(ConfigSchema.properties)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]])
  )
  const config = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, data)) as Config
  if (!Value.Check(ConfigSchema, config)) {
    const problems = [...Value.Errors(ConfigSchema, config)].map((e) => {
      const { allowedValues, pattern } = e.params as { allowedValues?: unknown[], pattern?: string }
      const rule = allowedValues ? `must be one of: ${allowedValues.join(', ')}` : pattern ? `must be ${patternWords(pattern)}` : e.message
      return `${e.instancePath.slice(1)} ${rule}`
    })
    throw new ConfigError(`Invalid configuration: ${problems.join(', ')}`)
  }
  if (!isValidTimeZone(config.TIMEZONE)) {
    throw new ConfigError(`Invalid configuration: TIMEZONE '${config.TIMEZONE}' is not an IANA time zone such as UTC or Europe/Amsterdam`)
  }
  if (config.NOW !== undefined && parseDateTime(config.NOW, config.TIMEZONE) === undefined) {
    throw new ConfigError(`Invalid configuration: NOW '${config.NOW}' is not a real date-time (YYYY-MM-DD HH:MM:SS)`)
  }
  return config
}

/** What SEED asks for: the built-in demo, nothing, or the user's own seed at a path. */
export function seedSource (seed: string): 'demo' | 'none' | { path: string } {
  const value = seed.trim().toLowerCase()
  if (['true', '1', 'yes', 'demo'].includes(value)) return 'demo'
  if (['false', '0', 'no', 'none'].includes(value)) return 'none'
  return { path: seed }
}
