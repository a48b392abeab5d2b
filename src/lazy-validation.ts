// Fastify's own Ajv validator compiler, with each route's validator compiled on its first request
// instead of at start-up: compiling every schema up front was the largest part of the cold start
// (bench/RESULTS.md). Same Ajv, same options, same errors; only the moment of compilation moves.
import AjvCompiler from '@fastify/ajv-compiler'
import type { FastifyServerOptions } from 'fastify'

type BuildValidator = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']>
type Validator = ((data: unknown) => unknown) & { errors?: unknown }

const defaultFactory = AjvCompiler() as unknown as BuildValidator

export const buildLazyValidator: BuildValidator = (externalSchemas, ajvOptions) => {
  const compile = defaultFactory(externalSchemas, ajvOptions)
  return (route) => {
    let compiled: Validator | undefined
    const validate: Validator = (data) => {
      compiled ??= compile(route) as Validator
      const result = compiled(data)
      validate.errors = compiled.errors
      return result
    }
    // Fastify only calls the validator and reads its `errors`, which this wrapper keeps in step.
    return validate as unknown as ReturnType<ReturnType<BuildValidator>>
  }
}
