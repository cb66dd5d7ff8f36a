/**
 * The blueprint and catalog folders: a missing or empty blueprints folder and a missing catalog
 * folder stop the start with an error naming the folder (not a GraphQL syntax error, not a
 * catalog of 0 entities served silently); an empty catalog folder is a catalog with no entities.
 * `strict` in lattice.yaml: unknown blueprint keys fail the start by default, warn with `strict: false`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { gql, ROOT, startTestLattice, tempProject } from '../helpers/lattice.ts';

async function startError(dirs: { blueprintsDir: string; catalogDir: string }, strict?: boolean): Promise<{ code: string; message: string }> {
  try {
    const lattice = await startTestLattice({ ...dirs, ...(strict === undefined ? {} : { strict }) });
    await lattice.close();
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the start to fail');
}

describe('blueprint and catalog folders', () => {
  it('a missing blueprints folder is an error naming it', async () => {
    const project = tempProject();
    rmSync(project.blueprintsDir, { recursive: true });
    const err = await startError(project);
    expect(err.message).toBe(`cannot start: the blueprints folder ${project.blueprintsDir} does not exist (set \`blueprints:\` in lattice.yaml to the folder of your blueprint files)`);
  });

  it('an empty blueprints folder is an error naming it', async () => {
    const project = tempProject({ blueprints: false });
    writeFileSync(path.join(project.blueprintsDir, 'README.md'), 'not a blueprint');
    const err = await startError(project);
    expect(err.message).toBe(`cannot start: the blueprints folder ${project.blueprintsDir} holds no blueprint file (*.json, *.yaml, *.yml): there is nothing to serve`);
  });

  it('a missing catalog folder is an error naming it; an empty one serves no entities', async () => {
    const project = tempProject({ catalog: false });
    rmSync(project.catalogDir, { recursive: true });
    const err = await startError(project);
    expect(err.message).toBe(`cannot start: the catalog folder ${project.catalogDir} does not exist (create it, even empty, or set \`catalog:\` in lattice.yaml)`);
    mkdirSync(project.catalogDir);
    const lattice = await startTestLattice(project);
    try {
      const res = await gql(lattice.url, '{ components { totalCount } }');
      expect(res.data.components.totalCount).toBe(0);
    } finally {
      await lattice.close();
    }
  });

  it('an unknown blueprint key fails the start with its location; strict: false serves with a warning', async () => {
    const project = tempProject();
    const file = path.join(project.blueprintsDir, 'Extra.json');
    writeFileSync(file, JSON.stringify({ identifier: 'Extra', schema: { properties: { size: { tpye: 'number', type: 'number' } } } }, null, 2));
    const err = await startError(project);
    expect(err.message).toBe('cannot start: schema/blueprints/Extra.json:6:9 at /schema/properties/size/tpye: unknown key "tpye" (did you mean "type"?) (strict: false in lattice.yaml loads it as a warning)');
    const lattice = await startTestLattice({ ...project, strict: false });
    try {
      expect(lattice.runtime.status().warnings.map((w) => `${w.where()}: ${w.message}`)).toEqual(['schema/blueprints/Extra.json:6:9 at /schema/properties/size/tpye: unknown key "tpye" (did you mean "type"?) is kept but not used']);
      expect((await gql(lattice.url, '{ extras { totalCount } }')).data.extras.totalCount).toBe(0);
    } finally {
      await lattice.close();
    }
  });

  it('lattice.yaml: strict defaults to true and accepts false', () => {
    expect(loadConfig({}, ROOT).strict).toBe(true);
    const dir = tempProject().dir;
    writeFileSync(path.join(dir, 'lattice.yaml'), 'strict: false\n');
    expect(loadConfig({ LATTICE_CONFIG: path.join(dir, 'lattice.yaml') }, ROOT).strict).toBe(false);
  });
});
