/**
 * `npm run build:graphiql [-- --force]`: builds the GraphiQL page's bundle ahead of time (the
 * server otherwise builds it on first use; web/graphiql/build.ts), and says where it is and how
 * long it took. `--force` rebuilds even when a bundle for the current sources is cached.
 */
import { graphiqlBundle } from '../web/graphiql/build.ts';

const started = performance.now();
const bundle = await graphiqlBundle({ force: process.argv.includes('--force') });
console.log(`GraphiQL bundle: ${bundle.dir} (${bundle.script}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
