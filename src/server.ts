// The process entry: the only file that reads process.env, listens, and handles signals. (No
// top-level await: the build bundles it as CommonJS, to start through V8's code cache.)
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { type Config, ConfigError, loadConfig } from './config.js'
import { SnapshotError } from './stores/snapshot.js'

/** One line that says what went wrong at start-up and what to do about it. */
export function startupProblem (err: unknown, config: Config | undefined): string {
  const { code, message } = (err ?? {}) as { code?: string, message?: string }
  const where = config ? `${config.HOST}:${config.PORT}` : 'the address'
  if (err instanceof ConfigError) return message ?? 'Invalid configuration.'
  if (code === 'EADDRINUSE') return `Port ${config?.PORT ?? ''} is in use on ${config?.HOST ?? 'this host'} (another emulator?): stop that process, or set PORT (--port) to a free port.`
  if (code === 'EACCES' || code === 'EPERM') return `Not allowed to listen on ${where}: choose a PORT above 1023, or run with the rights to bind it.`
  if (code === 'EADDRNOTAVAIL') return `${config?.HOST ?? 'HOST'} is not an address of this machine: set HOST (--host) to one, e.g. 127.0.0.1 or 0.0.0.0.`
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return `The database file ${config?.DATABASE_PATH ?? ''} is locked by another process (another emulator on the same file?): stop it, or set DATABASE_PATH (--db) to another file.`
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'EACCES') {
    return `The database file ${config?.DATABASE_PATH ?? ''} cannot be opened for writing: check the path and its permissions, or set DATABASE_PATH (--db).`
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return `${config?.DATABASE_PATH ?? 'The database file'} is not an emulator database: move it away, or set DATABASE_PATH (--db) to another file.`
  }
  if (err instanceof SnapshotError) return `The seed could not be loaded: ${message ?? ''} Set SEED (--seed) to true, false, or the path of a seed.`
  return `The emulator could not start: ${message ?? String(err)}`
}

async function main (): Promise<void> {
  let config: Config | undefined
  try {
    config = loadConfig(process.env)
    const app = await buildApp({ config, logger: { level: config.LOG_LEVEL } })
    closeWithGrace({ delay: 5000 }, async ({ signal, err }) => {
      if (err) app.log.error({ err }, 'closing after an error')
      else app.log.info({ signal }, 'closing')
      await app.close()
    })
    await app.listen({ host: config.HOST, port: config.PORT })
  } catch (err) {
    console.error(`omnidesk-emulator: ${startupProblem(err, config)}`)
    if (config?.LOG_LEVEL === 'debug' || config?.LOG_LEVEL === 'trace') console.error(err)
    process.exit(1)
  }
}

main().catch(() => process.exit(1))
