// The package's programmatic API: start the emulator in-process, e.g. from a test runner's globalSetup.
import { buildApp } from './app.js'
import { loadConfig } from './config.js'

export { buildApp } from './app.js'
export { loadConfig, type Config } from './config.js'

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
  const env: Record<string, string | undefined> = {
    PORT: String(options.port ?? 0),
    HOST: options.host ?? '127.0.0.1',
    DATABASE_PATH: options.databasePath ?? ':memory:',
    SEED: options.seed === undefined ? 'true' : String(options.seed),
    NOW: options.now,
    API_KEY: options.apiKey,
    TIMEZONE: options.timezone,
    LOG_LEVEL: options.logLevel ?? 'silent',
    JOURNAL_LIMIT: options.journalLimit === undefined ? undefined : String(options.journalLimit),
    RATE_LIMIT: options.rateLimit
  }
  const config = loadConfig(env)
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
