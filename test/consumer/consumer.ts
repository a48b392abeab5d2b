// Compiled by scripts/consumer-types-test.sh in a project that installs the packed package, as a
// user's TypeScript project would (no skipLibCheck), with bundler and with nodenext resolution.
import { buildApp, type Config, loadConfig, type EmulatorOptions, type RunningEmulator, startEmulator } from 'omnidesk-emulator'
import { OmnideskEmulatorContainer, type StartedOmnideskEmulatorContainer } from 'omnidesk-emulator/testcontainers'

const options: EmulatorOptions = { now: '2019-09-28 22:08:14', seed: true, webhookRetryFactor: 0.01 }

export async function useIt (): Promise<string> {
  const emulator: RunningEmulator = await startEmulator(options)
  const account = emulator.account('acme')
  account.reset({ seed: false })
  const config: Config = loadConfig({ DATABASE_PATH: ':memory:' })
  const app = await buildApp({ config })
  await app.close()
  await emulator.close()
  return `${emulator.url} ${emulator.apiKey} ${account.url}`
}

export async function inAContainer (): Promise<string> {
  const emulator: StartedOmnideskEmulatorContainer = await new OmnideskEmulatorContainer().withNow('2019-09-28 22:08:14').withSeed(false).start()
  await emulator.reset({ account: 'worker-1' })
  const url = `${emulator.getBaseUrl()} ${emulator.getApiKey()}`
  await emulator.stop()
  return url
}
