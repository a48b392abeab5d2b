// Fastify's own compilers (Ajv for validation, fast-json-stringify for responses), with each route's
// validator and serializer compiled on first use instead of at start-up: compiling every schema up
// front was the largest part of the cold start (bench/RESULTS.md). Same compilers, same options,
// same output; only the moment of compilation moves. compilePending() compiles whatever is left,
// so that the test suite still finds a broken schema without having to call every route.
// In the bundles, a first use finds the function compiled when the package was built (the standalone
// code of Ajv and fast-json-stringify, src/precompiled.ts), by a hash of what it was compiled from (the
// schema, the schemas it may refer to, the compiler's options): nothing is compiled on the way to a
// first answer. A schema changed since the build has another hash and compiles as before.
import AjvCompiler, { StandaloneValidator } from '@fastify/ajv-compiler'
import SerializerSelector, { StandaloneSerializer } from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'
import crypto from 'node:crypto'
import { precompiled as builtIn, type PrecompiledModule } from './precompiled.js'

type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
type BuildValidator = NonNullable<Factories['buildValidator']>
type BuildSerializer = NonNullable<Factories['buildSerializer']>
type Validator = ((data: unknown) => unknown) & { errors?: unknown }
type Serializer = (data: unknown) => string

export interface CompilersOptions {
  /** The precompiled functions to look in (default: the build's, src/precompiled.ts). */
  precompiled?: Readonly<Record<string, PrecompiledModule>>
  /** Build time (scripts/precompile-schemas.mjs): every function compiled leaves its standalone code here, by key. */
  store?: Map<string, string>
}

/** What a compiled function is found by: a hash of its kind, its compiler's context and its schema. */
function compiledKey (kind: 'validator' | 'serializer', context: string, schema: unknown): string {
  return crypto.createHash('sha256').update(`${kind}\0${context}\0${JSON.stringify(schema)}`).digest('base64url').slice(0, 32)
}

/** Runs a precompiled module body: its exports are the function. */
function load<F> (body: PrecompiledModule): F {
  const module = { exports: {} as unknown }
  body(module, module.exports)
  return module.exports as F
}

/** One app's compilers (Fastify's schemaController.compilersFactory), and what they have not compiled yet. */
export class LazyCompilers {
  readonly #pending = new Set<() => void>()
  readonly #precompiled: Readonly<Record<string, PrecompiledModule>>
  /** The precompiled functions loaded, by key: routes share schemas (every error envelope), and so their function. */
  readonly #loaded = new Map<string, unknown>()
  readonly #store: Map<string, string> | undefined
  /** The standalone code the last compilation left (build time only). */
  #code: string | undefined
  readonly #validators: BuildValidator
  readonly #serializers: BuildSerializer
  /** Building: fast-json-stringify's standalone code, the union checks (Ajv) inlined. */
  readonly #standaloneSerializers: BuildSerializer | undefined
  /** How many functions were compiled rather than found precompiled. */
  compiled = 0

  constructor (options: CompilersOptions = {}) {
    this.#precompiled = options.precompiled ?? builtIn
    this.#store = options.store
    const storeFunction = (_route: unknown, code: string) => { this.#code = code }
    this.#validators = (this.#store ? StandaloneValidator({ readMode: false, storeFunction }) : AjvCompiler()) as unknown as BuildValidator
    this.#serializers = SerializerSelector() as unknown as BuildSerializer
    this.#standaloneSerializers = this.#store && StandaloneSerializer({ readMode: false, storeFunction }) as unknown as BuildSerializer
  }

  /** The precompiled function of this key, or what `compile` makes (its standalone code kept when building). */
  #find<F> (key: string, compile: () => F): F {
    const body = this.#precompiled[key]
    if (body !== undefined && this.#store === undefined) {
      let fn = this.#loaded.get(key) as F | undefined
      if (fn === undefined) {
        fn = load<F>(body)
        this.#loaded.set(key, fn)
      }
      return fn
    }
    this.compiled++
    this.#code = undefined
    const fn = compile()
    if (this.#store !== undefined && this.#code !== undefined) this.#store.set(key, this.#code)
    return fn
  }

  /** Compiles every validator and serializer not compiled yet (for tests); returns how many. */
  compilePending (): number {
    const count = this.#pending.size
    for (const compile of this.#pending) compile()
    return count
  }

  /** A function that compiles itself on first call (or on compilePending). */
  #lazy<F> (compile: () => F): () => F {
    let compiled: F | undefined
    const get = () => {
      if (compiled === undefined) {
        compiled = compile()
        this.#pending.delete(get)
      }
      return compiled
    }
    this.#pending.add(get)
    return get
  }

  readonly buildValidator: BuildValidator = (externalSchemas, ajvOptions) => {
    const context = JSON.stringify([externalSchemas, ajvOptions])
    // A copy: building, the standalone compiler writes its code option into the options it is given.
    const compile = this.#validators(externalSchemas, ajvOptions && { ...ajvOptions })
    return (route) => {
      const compiled = this.#lazy(() => this.#find(compiledKey('validator', context, route.schema), () => compile(route) as Validator))
      const validate: Validator = (data) => {
        const inner = compiled()
        const result = inner(data)
        validate.errors = inner.errors
        return result
      }
      // Fastify only calls the validator and reads its `errors`, which this wrapper keeps in step.
      return validate as unknown as ReturnType<ReturnType<BuildValidator>>
    }
  }

  readonly buildSerializer: BuildSerializer = (externalSchemas, serializerOptions) => {
    const context = JSON.stringify([externalSchemas, serializerOptions])
    const compile = this.#serializers(externalSchemas, serializerOptions)
    const standalone = this.#standaloneSerializers?.(externalSchemas, { ...serializerOptions, inlineValidators: true } as typeof serializerOptions)
    return (route) => {
      const compiled = this.#lazy(() => this.#find(compiledKey('serializer', context, route.schema), () => {
        standalone?.(route)
        return compile(route) as Serializer
      }))
      return ((data: unknown) => compiled()(data)) as ReturnType<ReturnType<BuildSerializer>>
    }
  }
}
