/**
 * The Terraform plugin (kind `terraform`): resource instances from state files, local or from an
 * HTTP backend (source.ts, state.ts).
 */
import type { SourcePlugin } from '../../src/data/SourcePlugin.ts';
import { createTerraformSource } from './source.ts';

export const terraform: SourcePlugin = { kind: 'terraform', create: createTerraformSource };
