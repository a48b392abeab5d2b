// The package's programmatic API: start the emulator in-process, e.g. from a test runner's globalSetup.
import { buildApp } from './app.js'
import { type Config, ConfigError, loadConfig } from './config.js'

export { buildApp } from './app.js'
export { ConfigError, loadConfig, type Config } from './config.js'

export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number
  host?: string
  /** ':memory:' (the default) or a SQLite file. */
  databasePath?: string
  /** true (the default): the demo account; false: empty; or the path of your own seed. */
  seed?: boolean | string
  /** Freeze the clock at 'YYYY-MM-DD HH:MM:SS'. */
  now?: string
  apiKey?: string
  timezone?: string
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  journalLimit?: number
  /** e.g. '100/60s' per API key. */
  rateLimit?: string
  /** Scales the webhook retry delays (1, 2, 4, 8, 16 s); e.g. 0.01 in tests. */
  webhookRetryFactor?: number
  /** More Host names to serve, comma-separated (ALLOWED_HOSTS). */
  allowedHosts?: string
  /** The control API and the inbox need this token (CONTROL_TOKEN). */
  controlToken?: string
  /** Accounts in use at once (MAX_ACCOUNTS, default 1000). */
  maxAccounts?: number
  /** More hosts webhooks may go to, comma-separated (WEBHOOK_HOSTS). */
  webhookHosts?: string
}

/** Each option and the environment variable it sets: every setting of the environment has one. */
export const OPTION_ENV = {
  port: 'PORT',
  host: 'HOST',
  databasePath: 'DATABASE_PATH',
  seed: 'SEED',
  now: 'NOW',
  apiKey: 'API_KEY',
  timezone: 'TIMEZONE',
  logLevel: 'LOG_LEVEL',
  journalLimit: 'JOURNAL_LIMIT',
  rateLimit: 'RATE_LIMIT',
  webhookRetryFactor: 'WEBHOOK_RETRY_FACTOR',
  allowedHosts: 'ALLOWED_HOSTS',
  controlToken: 'CONTROL_TOKEN',
  maxAccounts: 'MAX_ACCOUNTS',
  webhookHosts: 'WEBHOOK_HOSTS'
} as const satisfies Record<keyof EmulatorOptions, keyof Config>

const DEFAULTS: EmulatorOptions = { port: 0, host: '127.0.0.1', databasePath: ':memory:', seed: true, logLevel: 'silent' }

/** The environment the options stand for; an unknown option is an error, not silently ignored. */
export function optionsToEnv (options: EmulatorOptions): Record<string, string | undefined> {
  const unknown = Object.keys(options).filter((name) => !Object.hasOwn(OPTION_ENV, name))
  if (unknown.length > 0) {
    throw new ConfigError(`Unknown option${unknown.length > 1 ? 's' : ''} of startEmulator: ${unknown.join(', ')}. The options are: ${Object.keys(OPTION_ENV).join(', ')}.`)
  }
  // An option given as undefined keeps its default (port 0 stays a free port).
  const merged: Record<string, unknown> = { ...DEFAULTS }
  for (const [name, value] of Object.entries(options)) if (value !== undefined) merged[name] = value
  return Object.fromEntries(Object.entries(OPTION_ENV).map(([name, env]) => {
    const value = merged[name]
    return [env, value === undefined ? undefined : String(value)]
  }))
}

export interface RunningEmulator {
  /** Base URL of the default account, e.g. http://127.0.0.1:54321 */
  url: string
  port: number
  /** The API key with every permission. */
  apiKey: string
  /** An isolated account, addressed by path prefix: `${url}/api/v2/...` works as on the default account. */
  account: (name: string) => { url: string, reset: (options?: { seed?: boolean }) => void }
  /** Back to the seed for the default account. */
  reset: (options?: { seed?: boolean }) => void
  close: () => Promise<void>
}

export async function startEmulator (options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const config = loadConfig(optionsToEnv(options))
  const app = await buildApp({ config, logger: { level: config.LOG_LEVEL } })
  await app.listen({ host: config.HOST, port: config.PORT })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.PORT
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
  return {
    url,
    port,
    apiKey: config.API_KEY,
    account: (name) => ({
      url: `${url}/_accounts/${name}`,
      reset: ({ seed = true } = {}) => { app.accounts.reset(name, seed) }
    }),
    reset: ({ seed = true } = {}) => { app.accounts.reset('default', seed) },
    close: () => app.close()
  }
}
