/**
 * `npm start`: loads the configuration and starts Lattice; stops cleanly on SIGINT/SIGTERM. A start
 * that fails (invalid config, port in use: PORT_IN_USE) prints one line per error and exits 1.
 */
import { loadConfig } from '../config/index.ts';
import { LatticeError, LatticeErrors } from '../errors/index.ts';
import { startLattice } from './app.ts';

try {
  const lattice = await startLattice(loadConfig());
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
