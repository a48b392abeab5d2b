// A testcontainers module for the emulator's image, as the modules of WireMock or LocalStack are:
//   import { OmnideskEmulatorContainer } from 'omnidesk-emulator/testcontainers'
//   const emulator = await new OmnideskEmulatorContainer().withNow('2019-09-28 22:08:14').start()
//   fetch(`${emulator.getBaseUrl()}/api/v2/ticket/858462`, { headers: { apiKey: emulator.getApiKey() } })
// `testcontainers` is a peer dependency: install it beside this package.
import fs from 'node:fs'
import { AbstractStartedContainer, GenericContainer, type StartedTestContainer, Wait } from 'testcontainers'

/** The image `docker build -t omnidesk-emulator .` (or docker compose) makes from this repository. */
export const DEFAULT_IMAGE = 'omnidesk-emulator:latest'
export const EMULATOR_PORT = 3000
const DEMO_KEY = 'omnidesk-demo-key'
const SEED_IN_CONTAINER = '/seed-data/seed.json'

export class OmnideskEmulatorContainer extends GenericContainer {
  #apiKey = DEMO_KEY
  #controlToken: string | undefined

  constructor (image: string = DEFAULT_IMAGE) {
    super(image)
    this.withExposedPorts(EMULATOR_PORT)
      .withEnvironment({ DATABASE_PATH: ':memory:' })
      .withWaitStrategy(Wait.forHttp('/_emulator/health', EMULATOR_PORT).forStatusCode(200))
      .withStartupTimeout(60_000)
  }

  /** Freezes the emulator's clock at 'YYYY-MM-DD HH:MM:SS' (NOW). */
  withNow (now: string): this {
    return this.withEnvironment({ NOW: now })
  }

  /** true: the demo account (the default); false: empty; or a seed file of yours (snapshot format), copied in. */
  withSeed (seed: boolean | string): this {
    if (typeof seed === 'boolean') return this.withEnvironment({ SEED: String(seed) })
    if (!fs.existsSync(seed)) throw new Error(`The seed file ${seed} does not exist.`)
    return this.withCopyFilesToContainer([{ source: seed, target: SEED_IN_CONTAINER }]).withEnvironment({ SEED: SEED_IN_CONTAINER })
  }

  /** The key with every permission (API_KEY; default omnidesk-demo-key). */
  withApiKey (apiKey: string): this {
    this.#apiKey = apiKey
    return this.withEnvironment({ API_KEY: apiKey })
  }

  /** Makes the control API need this token (CONTROL_TOKEN, 16 characters or more). */
  withControlToken (token: string): this {
    this.#controlToken = token
    return this.withEnvironment({ CONTROL_TOKEN: token })
  }

  override async start (): Promise<StartedOmnideskEmulatorContainer> {
    return new StartedOmnideskEmulatorContainer(await super.start(), this.#apiKey, this.#controlToken)
  }
}

export class StartedOmnideskEmulatorContainer extends AbstractStartedContainer {
  readonly #apiKey: string
  readonly #controlToken: string | undefined

  constructor (started: StartedTestContainer, apiKey: string, controlToken: string | undefined) {
    super(started)
    this.#apiKey = apiKey
    this.#controlToken = controlToken
  }

  /** e.g. http://localhost:32768: the default account; `${getBaseUrl()}/_accounts/<name>` for another. */
  getBaseUrl (): string {
    return `http://${this.getHost()}:${this.getMappedPort(EMULATOR_PORT)}`
  }

  getApiKey (): string {
    return this.#apiKey
  }

  /** Back to the seed (or empty, with `{ seed: false }`), for the default account or a named one. */
  async reset ({ seed = true, account }: { seed?: boolean, account?: string } = {}): Promise<void> {
    const base = account === undefined ? this.getBaseUrl() : `${this.getBaseUrl()}/_accounts/${account}`
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (this.#controlToken !== undefined) headers.authorization = `Bearer ${this.#controlToken}`
    const res = await fetch(`${base}/_emulator/reset`, { method: 'POST', headers, body: JSON.stringify({ seed }) })
    if (!res.ok) throw new Error(`The emulator's reset answered ${res.status}: ${await res.text()}`)
  }
}
