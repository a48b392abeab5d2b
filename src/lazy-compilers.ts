// Fastify's own compilers (Ajv for validation, fast-json-stringify for responses), with each route's
// validator and serializer compiled on first use instead of at start-up: compiling every schema up
// front was the largest part of the cold start (bench/RESULTS.md). Same compilers, same options,
// same output; only the moment of compilation moves. compilePending() compiles whatever is left,
// so that the test suite still finds a broken schema without having to call every route.
import AjvCompiler from '@fastify/ajv-compiler'
import SerializerSelector from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
type BuildValidator = NonNullable<Factories['buildValidator']>
type BuildSerializer = NonNullable<Factories['buildSerializer']>
type Validator = ((data: unknown) => unknown) & { errors?: unknown }
type Serializer = (data: unknown) => string

/** One app's compilers (Fastify's schemaController.compilersFactory), and what they have not compiled yet. */
export class LazyCompilers {
  readonly #pending = new Set<() => void>()
  readonly #validators = AjvCompiler() as unknown as BuildValidator
  readonly #serializers = SerializerSelector() as unknown as BuildSerializer

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
    const compile = this.#validators(externalSchemas, ajvOptions)
    return (route) => {
      const compiled = this.#lazy(() => compile(route) as Validator)
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
    const compile = this.#serializers(externalSchemas, serializerOptions)
    return (route) => {
      const compiled = this.#lazy(() => compile(route) as Serializer)
      return ((data: unknown) => compiled()(data)) as ReturnType<ReturnType<BuildSerializer>>
    }
  }
}
