/**
 * `npm start`: loads the configuration and starts Lattice; stops cleanly on SIGINT/SIGTERM. A start
 * that fails (invalid config, port in use: PORT_IN_USE) prints one line per error and exits 1.
 * With GraphiQL on, its bundle is built (or found cached) in the background right away.
 */
import { loadConfig } from '../config/index.ts';
import { LatticeError, LatticeErrors } from '../errors/index.ts';
import { startLattice } from './app.ts';
import { prepareGraphiql } from './graphiql.ts';

try {
  const config = loadConfig();
  const lattice = await startLattice(config);
  if (config.graphiql) prepareGraphiql(lattice.log);
  const stop = async () => {
    await lattice.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  const errors = err instanceof LatticeErrors ? err.errors : [err];
  for (const e of errors) console.error(e instanceof LatticeError ? `${e.where() ? `${e.where()}: ` : ''}${e.message}` : e);
  process.exit(1);
}
