#!/usr/bin/env bash
# npm run test:types: packs the package, installs it in an empty project as a user would, and
# compiles a file using its exports with TypeScript, without skipLibCheck, under moduleResolution
# bundler and nodenext. (Install scripts are skipped there: only the type declarations are needed.)
# Prints "N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0; failed=0
cd "$ROOT" && npm pack --silent --pack-destination "$WORK" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
cd "$WORK" || exit 1
npm init -y >/dev/null
npm pkg set type=module >/dev/null
npm install --no-audit --no-fund --ignore-scripts --silent ./omnidesk-emulator-*.tgz "testcontainers@$(node -p "require('$ROOT/package.json').peerDependencies.testcontainers")" "@types/node@$(node -p 'process.versions.node.split(".")[0]')" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
cp "$ROOT/test/consumer/consumer.ts" .
for resolution in bundler nodenext; do
  module=$([ "$resolution" = bundler ] && echo esnext || echo nodenext)
  cat > tsconfig.json <<EOC
{ "compilerOptions": { "target": "ES2022", "module": "$module", "moduleResolution": "$resolution", "strict": true,
  "skipLibCheck": false, "noEmit": true, "types": ["node"] }, "files": ["consumer.ts"] }
EOC
  if node "$ROOT/node_modules/typescript/bin/tsc" -p tsconfig.json; then
    echo "ok - the package's types compile with moduleResolution $resolution"; passed=$((passed + 1))
  else
    echo "not ok - the package's types compile with moduleResolution $resolution"; failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
