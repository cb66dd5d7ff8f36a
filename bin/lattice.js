#!/usr/bin/env node
// The `lattice` command: starts src/cli/main.ts on Node's built-in TypeScript type stripping
// (Node 24; `npx lattice` in the project puts the project's Node, the `node` devDependency, first
// on PATH).
import process from 'node:process';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`lattice needs Node 24 or later (this is Node ${process.versions.node}); run it as \`npx lattice\` inside the project, which uses the project's Node.\n`);
  process.exit(6);
}
await import('../src/cli/main.ts');
