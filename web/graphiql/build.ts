/**
 * Builds the GraphiQL page's bundle with Vite (GraphiQL 5 is ESM-only and runs Monaco in web
 * workers, so the browser cannot load it from node_modules as is), once per version of its
 * inputs: the output goes to `node_modules/.cache/lattice-graphiql/<hash>/` (the system's
 * temporary folder when node_modules is read-only), where the hash covers every file of this
 * folder but its README, and package-lock.json (the versions bundled). A second start, or a second
 * process, finds it there; a build writes to a temporary folder and renames it into place, so a
 * reader never sees half a bundle; only the KEEP newest bundles are kept. Nothing is fetched: Vite
 * and the sources come from node_modules. `npm run build:graphiql` runs it ahead of time
 * (`--force` rebuilds).
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const WEB_DIR = import.meta.dirname;
const ROOT = path.resolve(WEB_DIR, '../..');
/** Bundles kept in the cache (the newest): a checkout switching between branches does not rebuild each time. */
const KEEP = 3;
/** The module the page starts from, as the manifest names it. */
const ENTRY = 'main.tsx';

export interface GraphiqlBundle {
  /** Folder to serve under the assets path. */
  readonly dir: string;
  /** The entry script and its stylesheets, relative to `dir`. */
  readonly script: string;
  readonly styles: readonly string[];
}

let cache: string | undefined;

/** node_modules/.cache (where build tools keep their caches), or the temporary folder when node_modules is read-only. */
function cacheDir(): string {
  if (!cache) {
    const preferred = path.join(ROOT, 'node_modules/.cache/lattice-graphiql');
    try {
      mkdirSync(preferred, { recursive: true });
      accessSync(preferred, constants.W_OK);
      cache = preferred;
    } catch {
      cache = path.join(tmpdir(), 'lattice-graphiql');
      mkdirSync(cache, { recursive: true });
    }
  }
  return cache;
}

/** The hash of what the bundle is built from: this folder's files and the locked dependency versions. */
function inputsHash(): string {
  const hash = createHash('sha256');
  const files = readdirSync(WEB_DIR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.md'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of [...files, path.join(ROOT, 'package-lock.json')]) {
    hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

interface ManifestChunk {
  file: string;
  css?: string[];
}

function readBundle(dir: string): GraphiqlBundle {
  const manifest = JSON.parse(readFileSync(path.join(dir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = manifest[ENTRY];
  if (!entry) throw new Error(`the GraphiQL bundle in ${dir} has no entry ${ENTRY} in its manifest`);
  return { dir, script: entry.file, styles: entry.css ?? [] };
}

async function viteBuild(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: WEB_DIR,
    // Worker and chunk URLs are resolved against the page's assets path (src/server/graphiql.ts).
    base: './',
    logLevel: 'warn',
    mode: 'production',
    build: {
      outDir,
      emptyOutDir: true,
      manifest: true,
      sourcemap: false,
      // Monaco's chunks are large by nature; the warning says nothing we can act on.
      chunkSizeWarningLimit: 8192,
      rolldownOptions: {
        input: path.join(WEB_DIR, ENTRY),
        // framer-motion's "use client" lines are for React Server Components: nothing to say about them in a browser bundle.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
    worker: { format: 'es' },
  });
}

/** Removes all but the KEEP newest bundles (and temporary folders of builds that died). */
function prune(): void {
  const bundles = readdirSync(cacheDir(), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ dir: path.join(cacheDir(), e.name), tmp: e.name.includes('.tmp-'), mtime: statSync(path.join(cacheDir(), e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  const stale = [...bundles.filter((b) => !b.tmp).slice(KEEP), ...bundles.filter((b) => b.tmp && Date.now() - b.mtime > 3_600_000)];
  for (const b of stale) rmSync(b.dir, { recursive: true, force: true });
}

let pending: Promise<GraphiqlBundle> | undefined;

/** The bundle for the current sources: the cached one, or one built now (at most one build per process). */
export function graphiqlBundle(options: { readonly force?: boolean } = {}): Promise<GraphiqlBundle> {
  if (!pending || options.force) {
    pending = (async () => {
      const dir = path.join(cacheDir(), inputsHash());
      if (!options.force && existsSync(path.join(dir, '.vite/manifest.json'))) return readBundle(dir);
      const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
      try {
        await viteBuild(tmp);
        if (options.force) rmSync(dir, { recursive: true, force: true });
        // Another process may have put the same bundle there meanwhile: keep the first one.
        if (!existsSync(dir)) renameSync(tmp, dir);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
      prune();
      return readBundle(dir);
    })();
    // A failed build is not cached: the next request tries again.
    pending.catch(() => (pending = undefined));
  }
  return pending;
}
