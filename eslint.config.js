import neostandard from 'neostandard'

export default neostandard({
  ts: true,
  ignores: ['dist/**', 'data/**', 'migrations/**', 'test/artifacts/**']
})
