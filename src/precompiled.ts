// The route validators and serializers compiled when the package is built, by key (lazy-compilers.ts
// says how the key is made). Empty here, so that src/ and tsc's dist/ compile at run time;
// scripts/bundle.mjs puts in its place, in the bundles, the module scripts/precompile-schemas.mjs
// writes: the standalone code of Ajv and fast-json-stringify, one CommonJS module body per key.
export type PrecompiledModule = (module: { exports: unknown }, exports: unknown) => void

export const precompiled: Readonly<Record<string, PrecompiledModule>> = {}
